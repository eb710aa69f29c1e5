/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The demo's device check (miniprogram/pages/check, docs/devices.md) end to end, as in DevTools
// after `npm start`: the page in miniprogram-simulate, its <trtc-room> talking to a real room
// emulator (its hub over hubConnectSocket, its HTTP API over real requests for the bot and the
// trace). A person's taps run every step; each passes from the codes the emulator sent; the trace
// goes to the emulator with the verdicts, and replays to the room the page ended in.
import type path from 'node:path';
import type { RunningEmulator } from '../emulator';
import { DEV_SDK_APP_ID, DEV_SECRET_KEY, startEmulator } from '../emulator';
import { RoomClient } from '../src/core/room';
import { readTrace, replayTrace } from '../src/core/trace';
import type { TraceV1 } from '../src/core/trace';
import type { Rendered, SimNode } from './fakes/component-harness';
import { attrsOf, findAll, hasClass, textOf } from './fakes/component-harness';
import type { DemoConfig } from './fakes/demo-app';
import { hubConnectSocket } from './fakes/demo-hub-socket';
import { installPageShim, openDemoPage, roomOf, settlePage } from './fakes/demo-simulate';
import { DemoWx } from './fakes/demo-wx';
import type { FakeHost } from './fakes/fake-host';
import { createFakeHost, installFakeHost } from './fakes/fake-host';
import { httpJson, realRequest } from './fakes/real-request';

jest.mock(
  'trtc-room/usersig',
  () => jest.requireActual(`${mockDemoDir()}/miniprogram_npm/trtc-room/usersig/index.js`),
  { virtual: true },
);
jest.mock(`${mockDemoDir()}/config/local.js`, () => mockConfig, { virtual: true });

function mockDemoDir(): string {
  return jest.requireActual<typeof path>('node:path').resolve(__dirname, '../miniprogram');
}

const mockConfig: { -readonly [K in keyof DemoConfig]: DemoConfig[K] } = {
  source: 'emulator',
  sdkAppId: DEV_SDK_APP_ID,
  secretKey: DEV_SECRET_KEY,
  emulator: '',
};

const QUERY = { roomId: '2024', userId: 'dave', scene: 'check', role: 'anchor', template: 'grid' };

let emulator: RunningEmulator;
let host: FakeHost;
let page: Rendered | undefined;
let undo: (() => void)[] = [];

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, tickMs: 200 });
  mockConfig.emulator = emulator.wsUrl;
  mockConfig.secretKey = DEV_SECRET_KEY;
  host = createFakeHost({
    authSetting: { 'scope.camera': true, 'scope.record': true },
    nextTick: true,
    connectSocket: hubConnectSocket(emulator.hub).connectSocket,
  });
  host.api.request = realRequest;
  const wx = new DemoWx();
  undo = [installPageShim(() => QUERY), installFakeHost('wx', wx.api(host.api))];
  const quiet = [jest.spyOn(console, 'warn'), jest.spyOn(console, 'info')];
  for (const spy of quiet) spy.mockImplementation(() => undefined);
  undo.push(() => quiet.forEach((spy) => spy.mockRestore()));
});

afterEach(async () => {
  page?.detach();
  page = undefined;
  await settlePage();
  for (const step of undo.splice(0).reverse()) step();
  await emulator.stop();
});

/** Real time passes while the page settles, until `done()`. */
async function waitFor(done: () => boolean, what: string, ms = 8000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error(`still waiting after ${ms} ms: ${what}`);
    await settlePage();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

interface StepRow {
  readonly title: string;
  readonly status: string;
  readonly text: string;
}

function stepsOf(p: Rendered): StepRow[] {
  return findAll(p.toJSON(), hasClass('step')).map((node) => ({
    title: textOf(findAll(node, hasClass('step__title'))[0]!).trim(),
    status: /\bstep--(\w+)\b/.exec(String(attrsOf(node).class))?.[1] ?? '',
    text: textOf(node),
  }));
}

async function tapButton(p: Rendered, text: string): Promise<void> {
  const button = p
    .querySelectorAll('.check-button')
    .find((node: SimNode) => textOf(node.toJSON()).trim() === text);
  if (button === undefined) throw new Error(`no button "${text}" in ${textOf(p.toJSON())}`);
  button.dispatchEvent('tap');
  await settlePage();
}

const audioRouteOf = (p: Rendered): unknown =>
  (roomOf(p).instance as { data: Record<string, unknown> }).data.audioRoute;

/** Runs step `index` with a tap on Run, then waits for its verdict. */
async function runStep(p: Rendered, index: number, during?: () => Promise<void>): Promise<StepRow> {
  await tapButton(p, 'Run');
  await during?.();
  await waitFor(() => !['todo', 'running'].includes(stepsOf(p)[index]!.status), `step ${index}`);
  return stepsOf(p)[index]!;
}

test('every step passes against the emulator, and the trace reaches it with the verdicts', async () => {
  page = await openDemoPage('pages/check/check');
  const p = page;
  expect(stepsOf(p).map((row) => row.title)).toEqual([
    '1. Enter the room',
    '2. Camera and microphone',
    '3. A second participant',
    '4. Mute the microphone',
    '5. Switch camera',
    '6. Earpiece',
    '7. Leave and enter again',
    '8. Background and back',
  ]);
  const rows: StepRow[] = [];
  rows.push(await runStep(p, 0));
  expect(rows[0]!.text).toMatch(/1018 after \d+\.\d s/);
  rows.push(await runStep(p, 1));
  expect(rows[1]!.text).toContain('camera: video in netstatus; microphone: volume readings');
  rows.push(await runStep(p, 2));
  expect(rows[2]!.text).toMatch(/check-peer in the room; check-peer_main plays \(2004\)/);
  rows.push(await runStep(p, 3));
  expect(rows[3]!.text).toMatch(/The pusher's volume read 0/);
  rows.push(await runStep(p, 4));
  expect(rows[4]!.text).toMatch(/switchCamera succeeded/);
  rows.push(
    await runStep(p, 5, async () => {
      expect(audioRouteOf(p)).toBe('earpiece');
      await tapButton(p, 'Yes');
    }),
  );
  expect(audioRouteOf(p)).toBe('speaker');
  rows.push(await runStep(p, 6));
  // The fake host is an iPhone, and the emulator's iOS sends no 1019 (docs/protocol.md §12).
  expect(rows[6]!.text).toMatch(/1018 again after .*; no 1019 on exit/);
  rows.push(
    await runStep(p, 7, async () => {
      p.triggerPageLifeTime('hide');
      await settlePage();
      await new Promise((resolve) => setTimeout(resolve, 300));
      p.triggerPageLifeTime('show');
      await settlePage();
    }),
  );
  expect(rows[7]!.text).toMatch(/In the room again\. Away \d+\.\d s/);
  expect(rows.map((row) => row.status)).toEqual(Array(8).fill('pass'));
  expect(textOf(p.toJSON())).toContain('Done: 8 passed');

  await tapButton(p, 'Send to the emulator');
  await waitFor(() => textOf(p.toJSON()).includes('Sent: '), 'the trace was sent');
  const listed = (await httpJson('GET', `${emulator.httpUrl}api/traces`)).data as {
    traces: { id: string; name: string }[];
  };
  expect(listed.traces).toHaveLength(1);
  expect(listed.traces[0]!.name).toMatch(/^device-check-iPhone-15-iPhone16-1-\d{4}-\d\d-\d\d$/);
  const read = readTrace(
    (await httpJson('GET', `${emulator.httpUrl}api/traces/${listed.traces[0]!.id}`)).data,
  );
  if (!read.ok) throw new Error(read.problem);
  const trace: TraceV1 = read.trace;
  const lines = (trace.description ?? '').split('\n');
  expect(lines.map((line) => /^([\w-]+): (\w+)/.exec(line)?.slice(1, 3).join(' '))).toEqual([
    'enter pass',
    'publish pass',
    'peer pass',
    'mute pass',
    'switch-camera pass',
    'audio-route pass',
    'rejoin pass',
    'background pass',
  ]);
  expect(lines[0]).toMatch(/^enter: pass \(1018 after \d+\.\d s\. Seen: pusher 1018/);
  expect(trace.entries.map((e) => e.kind)).toEqual(
    expect.arrayContaining(['enter', 'exit', 'page', 'command', 'native']),
  );
  expect(trace.expect).toEqual({
    state: 'joined',
    remoteUsers: ['check-peer'],
    streams: ['check-peer_main'],
  });

  // The trace as a device would send it replays into a fresh client to the same room.
  const fresh = new RoomClient();
  expect(await replayTrace(trace, fresh)).toEqual(trace.expect);
  fresh.destroy();
}, 30_000);

test('a refused entry fails the first step with the engine’s code, and says so', async () => {
  mockConfig.secretKey = 'not-the-emulator-key';
  page = await openDemoPage('pages/check/check');
  const row = await runStep(page, 0);
  expect(row.status).toBe('fail');
  expect(row.text).toContain('Refused with -100018');
  expect(stepsOf(page)[1]!.status).toBe('todo');
});
