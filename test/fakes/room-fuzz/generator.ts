// The generator of a fresh run: each step drawn from weights that follow the client's state
// (room events while in a room, enterRoom while idle), in same-tick bursts now and then.
import type { ActionBody, Action, ClientView } from './actions';
import { isLive } from './actions';
import { randomCommand, randomEnterParams } from './commands';
import type { RunConfig } from './config';
import { stuckBound } from './config';
import { garbageEvent, mutatedEvent } from './odd-details';
import type { Rng } from './rng';
import {
  ANDROID_PLAYER_NET_INFO,
  IOS_PUSHER_NET_INFO,
  audioVolume,
  fullscreenChange,
  netStatus,
  playerState,
  pusherError,
  pusherState,
} from '../native-events';
import { OTHER_PUSHER_CODES, PLAYER_CODES, ValidDetails } from './valid-details';

export class Generator {
  private inBurst = false;
  private readonly details: ValidDetails;

  constructor(rng: Rng, config: RunConfig) {
    this.details = new ValidDetails(rng, config);
  }

  next(view: ClientView): Action {
    const { rng, config } = this.details;
    const live = isLive(view.state);
    const idle = !live && view.state !== 'leaving';
    const recording = config.adapter !== 'null';
    const state = (detail: unknown, note: string): ActionBody => ({
      kind: 'pusher-state',
      detail,
      note,
    });
    const make = rng.weighted<() => ActionBody>([
      [live ? 10 : 1, () => state(this.details.payload(view, 1031), '1031 users joined')],
      [live ? 4 : 0.5, () => state(this.details.payload(view, 1032), '1032 users left')],
      [live ? 14 : 1, () => state(this.details.payload(view, 1033), '1033 video')],
      [live ? 9 : 1, () => state(this.details.payload(view, 1034), '1034 audio')],
      [live ? 2 : 0.3, () => state(this.details.payload(view, 1020), '1020 user list')],
      [
        view.state === 'entering' || view.state === 'reconnecting' ? 6 : 0.5,
        () => state(pusherState(1018, 'enter room success'), '1018 entered'),
      ],
      [
        view.state === 'leaving' ? 6 : 1.5,
        () => state(pusherState(1019, this.details.exitMessage()), '1019 exited'),
      ],
      [1, () => state(pusherState(1021, 'network type changed'), '1021 network changed')],
      [0.7, () => state(pusherState(1022, 'enter room failed'), '1022 enter failed')],
      [0.7, () => state(pusherState(-3301, 'enter room error'), '-3301 enter error')],
      [1.5, () => state(pusherState(-1307, 'disconnected'), '-1307 push disconnected')],
      [0.7, () => state(pusherState(5000, 'suspended'), '5000 suspended')],
      [0.7, () => state(pusherState(5001, 'interrupted'), '5001 interrupted')],
      [0.1, () => state(pusherState(-100018, 'usersig invalid'), '-100018 usersig')],
      [1.5, () => state(pusherState(rng.pick(OTHER_PUSHER_CODES), 'x'), 'other pusher code')],
      [
        0.4,
        () => ({
          kind: 'pusher-error',
          detail: pusherError(rng.pick([10001, 10002, 10003, 10004, -1, 1]), 'err'),
          note: 'pusher error',
        }),
      ],
      [
        0.4,
        () => ({
          kind: 'pusher-net',
          detail: netStatus(this.details.netInfo(IOS_PUSHER_NET_INFO)),
          note: 'pusher netstatus',
        }),
      ],
      [
        0.4,
        () => ({
          kind: 'pusher-volume',
          detail: audioVolume(rng.int(101)),
          note: 'pusher volume',
        }),
      ],
      [
        0.2,
        () => ({
          kind: 'bgm-progress',
          detail: { progress: rng.int(100), duration: 100 },
          note: 'bgm progress',
        }),
      ],
      [view.visible ? 0.8 : 2, () => ({ kind: 'page', visible: !view.visible })],
      [0.3, () => ({ kind: 'page', visible: view.visible })],
      [6, () => ({ kind: 'advance', ms: this.advanceMs(), async: rng.chance(0.3) })],
      [view.players.length > 0 ? 5 : 1, () => this.playerEvent(view)],
      [live ? 5 : 1.5, () => ({ kind: 'command', command: randomCommand(this.details, view) })],
      [idle ? 12 : 0.3, () => ({ kind: 'enter', params: randomEnterParams(rng) })],
      [live ? 1.5 : 0.3, () => ({ kind: 'exit', wait: rng.chance(0.7), confirm: rng.chance(0.4) })],
      [8, () => mutatedEvent(this.details, view)],
      [0.4, () => garbageEvent(this.details, view)],
      [
        recording ? 0.5 : 0,
        () => ({
          kind: 'fault',
          mode: rng.chance(0.5) ? 'fail' : 'hang',
          method: rng.pick(['stop', 'start', 'play', 'requestFullScreen'] as const),
        }),
      ],
      [
        recording && view.hung > 0 ? 1 : 0,
        () => ({ kind: 'release', index: rng.int(view.hung), ok: rng.chance(0.7) }),
      ],
      [
        config.adapter === 'gated' ? (view.pusherReady ? 0.3 : 3) : 0.1,
        () => ({ kind: 'pusher-ready', ready: !view.pusherReady || rng.chance(0.2) }),
      ],
      [
        config.adapter === 'gated' ? 1.5 : 0.2,
        () => ({
          kind: 'player-ready',
          playerId: this.details.playerId(view),
          ready: rng.chance(0.8),
        }),
      ],
    ]);
    // Same-tick runs: native callbacks and app calls with no microtask turn in between.
    this.inBurst = rng.chance(this.inBurst ? 0.6 : 0.1);
    return { ...make(), burst: this.inBurst };
  }

  private advanceMs(): number {
    const { rng, config } = this.details;
    return rng.weighted<() => number>([
      [3, () => rng.int(50)],
      [3, () => rng.range(50, 2000)],
      [1, () => 0],
      [1, () => Math.max(0, config.reconcileWindowMs + rng.range(-1, 1))],
      [1, () => Math.max(0, config.enterTimeoutMs + rng.range(-1, 1))],
      [1, () => config.exitTimeoutMs],
      [1, () => config.callTimeoutMs],
      [1, () => rng.range(10000, 70000)],
      [0.4, () => stuckBound(config)],
    ])();
  }

  private playerEvent(view: ClientView): ActionBody {
    const { rng } = this.details;
    const playerId = this.details.playerId(view);
    return rng.weighted<() => ActionBody>([
      [
        4,
        () => ({
          kind: 'player-volume',
          playerId,
          detail: audioVolume(
            rng.weighted<number>([
              [4, rng.int(101)],
              [1, 9.999],
              [1, 10],
              [0.3, 1e308],
            ]),
          ),
          note: 'player volume',
        }),
      ],
      [
        2,
        () => ({
          kind: 'player-net',
          playerId,
          detail: netStatus(this.details.netInfo(ANDROID_PLAYER_NET_INFO)),
          note: 'player netstatus',
        }),
      ],
      [
        3,
        () => {
          const code = rng.pick(PLAYER_CODES);
          return {
            kind: 'player-state',
            playerId,
            detail: playerState(code, code === 2012 ? 'sei payload' : 'x'),
            note: `player ${code}`,
          };
        },
      ],
      [
        0.5,
        () => ({
          kind: 'player-fullscreen',
          playerId,
          detail: fullscreenChange(rng.chance(0.5), rng.pick([0, 90, -90])),
          note: 'fullscreen change',
        }),
      ],
    ])();
  }
}
