// trtc-room/taro's useTrtcCall(): the app's call manager for React. A page follows the manager
// from before it exists to after its destroy(), through a whole call (ringing, connected, ended,
// idle), and its commands act on whichever manager the app has, or reject without one.
import { act } from 'react-test-renderer';
import { TrtcCall, useTrtcCall } from '../src/taro';
import { pusherState, usersJoined, usersLeft } from './fakes/native-events';
import type { TrtcCallHandle } from '../src/taro';
import type { TaroCallHarness } from './fakes/taro/call-harness';
import { CallWorld, createTestManager, destroyCallManager } from './fakes/taro/call-harness';
import {
  installHost,
  render,
  settle,
  advance,
  useTaroRoomHarness,
} from './fakes/taro/room-harness';

// First (afterEach hooks run in order): the manager goes while the fake clock still runs.
afterEach(() => destroyCallManager());
useTaroRoomHarness();

interface Seen {
  readonly log: string[];
  handle?: TrtcCallHandle;
  renders: number;
}

/** A page that shows the call and reads it: the profiles are a new object on every render. */
function Page({ seen }: { seen: Seen }) {
  const call = useTrtcCall();
  seen.handle = call;
  seen.renders += 1;
  const entry = `${call.manager === null ? 'none' : 'manager'} ${call.view.phase}`;
  if (seen.log[seen.log.length - 1] !== entry) seen.log.push(entry);
  return <TrtcCall profiles={{ alice: { name: 'Alice' } }} />;
}

/** Runs `command` inside act (signaling reaches the views synchronously), then settles. */
async function run(command: () => unknown): Promise<void> {
  act(() => {
    const result = command();
    if (result instanceof Promise) result.catch(() => undefined);
  });
  await settle();
}

async function pusherEvent(
  renderer: Awaited<ReturnType<typeof render>>,
  detail: unknown,
): Promise<void> {
  const [pusher] = renderer.root.findAll((node) => (node.type as unknown) === 'live-pusher');
  if (pusher === undefined) throw new Error('no <live-pusher>: the call room is not shown');
  act(() => (pusher.props['onStateChange'] as (event: unknown) => void)({ detail }));
  await settle();
}

test('follows the app’s manager: none → created → ringing → connected → ended → idle → none', async () => {
  installHost();
  const world = new CallWorld();
  const seen: Seen = { log: [], renders: 0 };
  const page = await render(<Page seen={seen} />);
  expect(seen.handle?.manager).toBeNull();
  expect(page.toJSON()).toBeNull();

  let manager: TaroCallHarness['manager'] | undefined;
  await run(() => (manager = createTestManager(world, 'bob')));
  expect(seen.handle?.manager).toBe(manager);

  const alice = world.remote('alice');
  await run(() => alice.call(['bob']));
  expect(seen.handle?.view).toMatchObject({
    phase: 'ringing',
    role: 'callee',
    title: 'Alice',
    status: 'Incoming video call',
  });
  // Nothing changes while it rings: no re-render (an inline profiles object does not loop).
  const renders = seen.renders;
  await advance(5000);
  expect(seen.renders).toBe(renders);

  await run(() => seen.handle!.accept());
  await pusherEvent(page, pusherState(1018, 'enter room success'));
  expect(seen.handle?.view.phase).toBe('connected');
  await pusherEvent(page, usersJoined('alice'));
  await advance(2000);
  expect(seen.handle?.view.status).toBe('00:02');

  await pusherEvent(page, usersLeft('alice'));
  expect(seen.handle?.view).toMatchObject({ phase: 'ended', end: { reason: 'remote-left' } });
  await advance(2000);
  expect(seen.handle?.view.phase).toBe('idle');

  await act(async () => {
    await manager!.destroy();
  });
  await settle();
  expect(seen.handle?.manager).toBeNull();
  expect(seen.log).toEqual([
    'none idle',
    'manager idle',
    'manager ringing',
    'manager connected',
    'manager ended',
    'manager idle',
    'none idle',
  ]);
});

test('the commands act on the manager the app has when called, and reject INVALID_STATE without one', async () => {
  installHost();
  const seen: Seen = { log: [], renders: 0 };
  await render(<Page seen={seen} />);
  const first = seen.handle!;
  await expect(first.hangup()).rejects.toMatchObject({
    code: 'INVALID_STATE',
    message: expect.stringContaining('createCallManager'),
  });
  await expect(first.call(['alice'])).rejects.toMatchObject({ code: 'INVALID_STATE' });

  const world = new CallWorld();
  const alice = world.remote('alice');
  await run(() => createTestManager(world, 'bob'));
  // The functions are the same across renders (safe in effect dependencies).
  expect(seen.handle!.call).toBe(first.call);
  await run(() => first.call(['alice'], { media: 'audio' }));
  expect(seen.handle?.view).toMatchObject({ phase: 'dialing', media: 'audio', status: 'Calling…' });
  expect(alice.getState()).toBe('idle'); // rung once the call's room entered
  await run(() => first.hangup());
  expect(seen.handle?.view).toMatchObject({ phase: 'ended', end: { reason: 'cancelled' } });
});
