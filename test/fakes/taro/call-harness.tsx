// trtc-room/taro's calls: <TrtcCall> and useTrtcCall() rendered with react-test-renderer on the
// fake Taro (room-harness.tsx: its hooks, host, settle and render), for the app's call manager on
// the in-process Chat bus of call-fakes.ts, as test/fakes/call-harness.ts does for <trtc-call>.
// The other side of each call is a CallClient on that bus; the call's <TrtcRoom> is the real one,
// whose <live-pusher> gets the engine's events (1018, 1031, 1032) from the test.
//
//   useTaroRoomHarness();
//   const call = await mountTaroCall('bob', { profiles: { alice: { name: 'Alice' } } });
//   await call.run(() => call.remote('alice').call(['bob']));
//   call.title(); call.labels();           // 'Alice', ['Decline', 'Accept']
//   await call.tap('Accept'); await call.entered(); await call.remoteJoins('alice');
import type { ReactNode } from 'react';
import { act } from 'react-test-renderer';
import type { ReactTestInstance, ReactTestRenderer } from 'react-test-renderer';
import { CallClient } from '../../../src/core/call/call-client';
import { createCallManager, getCallManager } from '../../../src/host/call';
import type { TrtcCallEventName } from '../../../src/host';
import type { CallManager, CallManagerOptions } from '../../../src/host/call';
import { CALL_EVENT_PROPS, TrtcCall, TrtcRoom } from '../../../src/taro';
import type { TrtcCallProps } from '../../../src/taro';
import {
  CALL_BAR_STATUS,
  CALL_BAR_TITLE,
  CALL_STATUS,
  CALL_TITLE,
} from '../../../src/taro/call-styles';
import { RoomServer, SignalingBus } from '../call-fakes';
import type { FakeHost, FakeHostOptions } from '../fake-host';
import { ManualScheduler } from '../manual-scheduler';
import type { Detail } from '../native-events';
import { pusherState, usersJoined, usersLeft } from '../native-events';
import type { RecordedEvent } from './room-harness';
import { installHost, isA, render, settle, styleOf, textOf } from './room-harness';

/** The other sides of calls: the Chat bus, their rooms and their clock (a manual one). */
export class CallWorld {
  readonly remoteClock = new ManualScheduler(Date.UTC(2026, 0, 1));
  readonly bus = new SignalingBus(this.remoteClock);
  readonly rooms = new RoomServer();

  /** A remote user on the bus, with a room of the in-process server. */
  remote(userId: string): CallClient {
    return new CallClient({
      userId,
      signaling: this.bus.user(userId),
      room: this.rooms.user(userId),
      scheduler: this.remoteClock,
      newRoomId: () => 5150,
    });
  }
}

/** Every <TrtcCall> event as an on* callback that records { type, detail }. */
export function callRecorder(events: RecordedEvent[]): TrtcCallProps {
  const callbacks: Record<string, (event: RecordedEvent) => void> = {};
  for (const prop of Object.values(CALL_EVENT_PROPS)) {
    callbacks[prop] = (event) => events.push(event);
  }
  return callbacks as TrtcCallProps;
}

/** Creates the app's call manager for `userId` on the world's bus (the host must be installed). */
export function createTestManager(
  world: CallWorld,
  userId = 'bob',
  options: Partial<CallManagerOptions> = {},
): CallManager {
  return createCallManager({
    userId,
    sdkAppId: 1400000001,
    userSig: 'test-sig',
    signaling: world.bus.user(userId),
    ...options,
  });
}

/** Destroys the app's call manager (afterEach), settled. */
export async function destroyCallManager(): Promise<void> {
  const manager = getCallManager();
  if (manager === null) return;
  await act(async () => {
    await manager.destroy();
  });
}

export class TaroCallHarness {
  readonly events: RecordedEvent[] = [];
  renderer!: ReactTestRenderer;

  constructor(
    readonly host: FakeHost,
    readonly manager: CallManager,
    readonly world: CallWorld,
  ) {}

  get root(): ReactTestInstance {
    return this.renderer.root;
  }

  remote(userId: string): CallClient {
    return this.world.remote(userId);
  }

  named(type: TrtcCallEventName): unknown[] {
    return this.events.filter((e) => e.type === type).map((e) => e.detail);
  }

  types(): string[] {
    return this.events.map((e) => e.type);
  }

  /** Nothing drawn (no call, or no manager). */
  get empty(): boolean {
    return this.renderer.toJSON() === null;
  }

  private textsStyled(style: string): string[] {
    return this.root.findAll((n) => isA('text')(n) && styleOf(n) === style).map(textOf);
  }

  /** The name(s) over the call: the big title before connecting, the bar's during the call. */
  title(): string | undefined {
    return [...this.textsStyled(CALL_TITLE), ...this.textsStyled(CALL_BAR_TITLE)][0];
  }

  /** "Incoming video call", "Calling…", "00:03", "Call ended". */
  status(): string | undefined {
    return [...this.textsStyled(CALL_STATUS), ...this.textsStyled(CALL_BAR_STATUS)][0];
  }

  /** The buttons' labels, in order. */
  labels(): string[] {
    return this.buttons().map((node) => String(node.props['aria-label']));
  }

  buttons(): ReactTestInstance[] {
    return this.root.findAll((n) => isA('view')(n) && n.props['data-touch'] === 'call');
  }

  /** Taps the button labelled `label`, then settles. */
  async tap(label: string): Promise<void> {
    const button = this.buttons().find((node) => node.props['aria-label'] === label);
    if (button === undefined) throw new Error(`no "${label}" button: ${this.labels().join(', ')}`);
    act(() => (button.props['onClick'] as () => void)());
    await settle();
  }

  /** The call room's <TrtcRoom>s (one while the call shows its room). */
  rooms(): ReactTestInstance[] {
    return this.root.findAllByType(TrtcRoom);
  }

  pusher(): ReactTestInstance | undefined {
    return this.root.findAll(isA('live-pusher'))[0];
  }

  /** A query parameter of the room's pusher url (roomid, appscene, userid...). */
  roomParam(name: string): string | null {
    const url = String(this.pusher()?.props['url'] ?? '');
    return new URL(url.replace('room://', 'http://')).searchParams.get(name);
  }

  /** The engine's answer to the call room's pusher. */
  async pusherEvent(detail: Detail): Promise<void> {
    const pusher = this.pusher();
    if (pusher === undefined) throw new Error('the call room has no <live-pusher>');
    act(() => (pusher.props['onStateChange'] as (event: unknown) => void)({ detail }));
    await settle();
  }

  async entered(): Promise<void> {
    await this.pusherEvent(pusherState(1018, 'enter room success'));
  }

  async remoteJoins(userId: string): Promise<void> {
    await this.pusherEvent(usersJoined(userId));
  }

  async remoteLeaves(userId: string): Promise<void> {
    await this.pusherEvent(usersLeft(userId));
  }

  /**
   * Starts `command` (the other side's, or the manager's) inside act, as its signaling reaches the
   * screen synchronously, then settles; `done` is the command's own promise.
   */
  async start<T>(command: () => Promise<T>): Promise<{ readonly done: Promise<T> }> {
    let done: Promise<T> | undefined;
    act(() => {
      done = command();
      done.catch(() => undefined);
    });
    await settle();
    return { done: done! };
  }

  /** `start`, then waits for the command to finish. */
  async run<T>(command: () => Promise<T>): Promise<T> {
    return (await this.start(command)).done;
  }

  /** The page closes: <TrtcCall> unmounts. */
  async unmount(): Promise<void> {
    this.renderer.unmount();
    await settle();
  }
}

export interface MountCallOptions {
  readonly hostOptions?: FakeHostOptions;
  readonly manager?: Partial<CallManagerOptions>;
  /** Drawn next to <TrtcCall> (a probe of useTrtcCall, say). */
  readonly children?: ReactNode;
  /** Wraps the page (<StrictMode>, say). */
  readonly wrap?: (page: ReactNode) => ReactNode;
}

/** Creates the app's call manager for `userId` on a fresh bus, then renders <TrtcCall>. */
export async function mountTaroCall(
  userId = 'bob',
  props: TrtcCallProps = {},
  options: MountCallOptions = {},
): Promise<TaroCallHarness> {
  const host = installHost(options.hostOptions);
  const world = new CallWorld();
  const manager = createTestManager(world, userId, options.manager);
  const harness = new TaroCallHarness(host, manager, world);
  const page = (
    <>
      <TrtcCall {...callRecorder(harness.events)} {...props} />
      {options.children}
    </>
  );
  harness.renderer = await render(options.wrap === undefined ? page : options.wrap(page));
  return harness;
}
