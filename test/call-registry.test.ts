// The app's call manager is one per mini-program, whatever copies of trtc-room a bundler made:
// Taro puts one in the main package and one in each subpackage, and a manager created in app.ts
// must be the one a <TrtcCall> in a subpackage sees. Each copy here comes from
// jest.isolateModules; a mini-program is its host API object.
import type * as CallEntry from '../src/host/call';
import type { Host } from '../src/host/host-api';
import { CallClient } from '../src/core/call/call-client';
import { RoomServer, SignalingBus } from './fakes/call-fakes';
import { createFakeHost } from './fakes/fake-host';
import { ManualScheduler } from './fakes/manual-scheduler';

function copyOfTrtcRoom(): typeof CallEntry {
  let entry!: typeof CallEntry;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    entry = require('../src/host/call') as typeof CallEntry;
  });
  return entry;
}

const hostOf = (): Host => ({ name: 'wx', api: createFakeHost().api });
const bus = new SignalingBus(new ManualScheduler(0));
const managers: CallEntry.CallManager[] = [];

afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.destroy();
});

function create(entry: typeof CallEntry, host: Host, userId = 'bob'): CallEntry.CallManager {
  const manager = entry.createCallManager({ userId, signaling: bus.user(userId) }, host);
  managers.push(manager);
  return manager;
}

test('a manager created through one copy is the one every copy of the same mini-program sees', () => {
  const mainPackage = copyOfTrtcRoom();
  const subpackage = copyOfTrtcRoom();
  const host = hostOf();
  const seen: (CallEntry.CallManager | null)[] = [];
  subpackage.watchCallManager((manager) => seen.push(manager), host);
  const manager = create(mainPackage, host);
  expect(subpackage.getCallManager(host)).toBe(manager);
  expect(seen).toEqual([null, manager]);
  expect(() => create(subpackage, host, 'carol')).toThrow(/already has a call manager/);
});

test('another mini-program (another host) has a manager of its own', () => {
  const entry = copyOfTrtcRoom();
  const one = hostOf();
  const two = hostOf();
  const first = create(entry, one, 'alice');
  expect(entry.getCallManager(two)).toBeNull();
  const second = create(entry, two, 'bob');
  expect([entry.getCallManager(one), entry.getCallManager(two)]).toEqual([first, second]);
});

test('destroy() lets the app create another (another user logged in)', async () => {
  const entry = copyOfTrtcRoom();
  const host = hostOf();
  const first = create(entry, host, 'alice');
  await first.destroy();
  expect(entry.getCallManager(host)).toBeNull();
  const second = create(entry, host, 'bob');
  expect(entry.getCallManager(host)).toBe(second);
});

test('destroy() during a call leaves no timer behind (nor the ended screen)', async () => {
  jest.useFakeTimers();
  try {
    const entry = copyOfTrtcRoom();
    const host = hostOf();
    const manager = create(entry, host, 'dave');
    const caller = new CallClient({
      userId: 'erin',
      signaling: bus.user('erin'),
      room: new RoomServer().user('erin'),
      scheduler: new ManualScheduler(0),
    });
    await caller.call(['dave']);
    expect(manager.client.getState()).toBe('ringing');
    expect(jest.getTimerCount()).toBeGreaterThan(0);
    await manager.destroy();
    managers.splice(managers.indexOf(manager), 1);
    expect(manager.getView().phase).toBe('idle');
    expect(jest.getTimerCount()).toBe(0);
  } finally {
    jest.useRealTimers();
  }
});
