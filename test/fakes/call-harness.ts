// Renders <trtc-call> in miniprogram-simulate (component-harness.ts) for the app's call manager,
// whose signaling is the in-process Chat bus of call-fakes.ts: the other side of each call is a
// CallClient on that bus. The call's <trtc-room> is the real component: its native events (1018,
// 1031, 1032) are dispatched on its <live-pusher> as the engine would.
import { CallClient } from '../../src/core/call/call-client';
import type { CallManagerOptions } from '../../src/host/call';
import { createCallManager, getCallManager } from '../../src/host/call';
import type { CallManager } from '../../src/host/call';
import type { TrtcCallEventName } from '../../src/host';
import type { NodeJson, Rendered, SimNode } from './component-harness';
import {
  attrsOf,
  componentId,
  findAll,
  hasClass,
  installHost,
  mountComponent,
  settle,
  textOf,
} from './component-harness';
import type { FakeHost, FakeHostOptions } from './fake-host';
import { ManualScheduler } from './manual-scheduler';
import { pusherState, usersJoined, usersLeft } from './native-events';
import { RoomServer, SignalingBus } from './call-fakes';

export interface CallEvent {
  readonly name: TrtcCallEventName;
  readonly detail: unknown;
}

const CALL_EVENTS: TrtcCallEventName[] = [
  'callstatechange',
  'callincoming',
  'callconnected',
  'callended',
  'calluseraccept',
  'calluserreject',
  'calluserbusy',
  'callusernoresponse',
  'calluserjoin',
  'calluserleave',
  'callmediachange',
  'callerror',
];

/** The other sides of calls: the Chat bus, their rooms and their clock (a manual one). */
export class CallWorld {
  readonly remoteClock = new ManualScheduler(Date.UTC(2026, 0, 1));
  readonly bus = new SignalingBus(this.remoteClock);
  readonly rooms = new RoomServer();
}

export class CallHarness {
  readonly events: CallEvent[] = [];

  constructor(
    readonly comp: Rendered,
    readonly host: FakeHost,
    readonly manager: CallManager,
    readonly world: CallWorld,
  ) {
    for (const name of CALL_EVENTS) {
      comp.addEventListener(name, (event) => this.events.push({ name, detail: event.detail }));
    }
  }

  eventsNamed(name: TrtcCallEventName): unknown[] {
    return this.events.filter((e) => e.name === name).map((e) => e.detail);
  }

  /** A remote user on the same bus, with a room of the in-process server. */
  remote(userId: string): CallClient {
    return new CallClient({
      userId,
      signaling: this.world.bus.user(userId),
      room: this.world.rooms.user(userId),
      scheduler: this.world.remoteClock,
      newRoomId: () => 5150,
    });
  }

  json(): NodeJson {
    return this.comp.toJSON();
  }

  /** The screen's visible texts by class: title, status, button labels. */
  texts(className: string): string[] {
    return findAll(this.json(), hasClass(className)).map(textOf);
  }

  /** Taps the button labelled `label`. */
  async tap(label: string): Promise<void> {
    const actions = this.comp.querySelectorAll('.call__action');
    const action = actions.find((node) => textOf(node.toJSON()).trim() === label);
    if (action === undefined) throw new Error(`no "${label}" button: ${this.texts('call__label')}`);
    action.dispatchEvent('tap');
    await settle();
  }

  /** The call's <trtc-room>, if rendered. */
  roomNode(): SimNode | undefined {
    return this.comp.querySelector('#trtc-call-room');
  }

  pusher(): Record<string, unknown> | null {
    const [node] = findAll(this.json(), (n) => n.tagName === 'wx-live-pusher');
    return node === undefined ? null : attrsOf(node);
  }

  /** The engine's answer to the call room's pusher. */
  async pusherEvent(detail: ReturnType<typeof pusherState>): Promise<void> {
    const pusher = this.roomNode()?.querySelector('#trtc-room-pusher');
    if (pusher === undefined) throw new Error('the call room has no <live-pusher>');
    pusher.dispatchEvent('statechange', { detail });
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
}

/** Creates the app's call manager for `userId` on a fresh bus, then renders <trtc-call>. */
export function mountCall(
  userId = 'bob',
  props: Record<string, unknown> = {},
  options: { hostOptions?: FakeHostOptions; manager?: Partial<CallManagerOptions> } = {},
): CallHarness {
  const host = installHost(options.hostOptions ? { hostOptions: options.hostOptions } : {});
  const world = new CallWorld();
  const manager = createCallManager({
    userId,
    sdkAppId: 1400000001,
    userSig: 'test-sig',
    signaling: world.bus.user(userId),
    ...options.manager,
  });
  const comp = mountComponent(componentId('trtc-call'), props);
  return new CallHarness(comp, host, manager, world);
}

/** Destroys the app's call manager (afterEach). */
export async function destroyCallManager(): Promise<void> {
  await getCallManager()?.destroy();
}
