// Clients that break one rule each, for test/room-conformance-random.test.ts: the conformance
// harness must catch every one on random traces, with the problem named in `caught`. One per
// normalization and per case the random traces cover, so that no check is blind.
import { setLogLevel } from '../../src';
import { userlistOf } from './conformance-divergences';
import type { ClientStream, ClientUnderTest, EnterParams, TraceClock } from './conformance-sides';
import type { Detail } from './conformance-traces';

type EventName =
  'user-joined' | 'user-left' | 'video-available' | 'audio-available' | 'connection-state-changed';

interface Payload {
  readonly userId?: string;
  readonly streamType?: string;
  readonly available?: boolean;
  readonly to?: string;
  readonly reason?: unknown;
}

interface Tweak {
  /** Delivers an event to the harness's listener: any number of times, changed. */
  readonly event?: (name: EventName, payload: Payload, deliver: (p: Payload) => void) => void;
  /** Hands a detail to the client: any number of times, changed. */
  readonly detail?: (detail: Detail, deliver: (d: Detail) => void) => void;
  readonly streams?: (streams: readonly ClientStream[]) => readonly ClientStream[];
  readonly users?: (
    users: readonly { readonly userId: string }[],
    state: string,
  ) => readonly { readonly userId: string }[];
  /** Timers the client never gets (by delay). */
  readonly dropTimer?: (ms: number) => boolean;
  readonly enterRoom?: (
    params: EnterParams,
    enter: (p: EnterParams) => unknown,
    state: string,
  ) => unknown;
}

export interface Mutant {
  readonly breaks: string;
  readonly tweak: () => Tweak;
  readonly caught: RegExp;
}

const userlistWith = (detail: Detail, edit: (list: unknown[]) => unknown[]): Detail => {
  const list = userlistOf(detail['message']);
  return list === null ? detail : { ...detail, message: JSON.stringify({ userlist: edit(list) }) };
};

/** RoomClient (from `create`) with one rule broken. */
export const mutate =
  (mutant: Mutant, create: (clock: TraceClock) => ClientUnderTest) =>
  (clock: TraceClock): ClientUnderTest => {
    const t = mutant.tweak();
    const drop = t.dropTimer ?? (() => false);
    const scheduler: TraceClock = {
      setTimeout: (fn, ms) => (drop(ms) ? -1 : clock.setTimeout(fn, ms)),
      clearTimeout: (handle) => clock.clearTimeout(handle),
      now: () => clock.now(),
      advance: (ms) => clock.advance(ms),
    };
    const inner = create(scheduler);
    const event = t.event ?? ((_, payload, deliver) => deliver(payload));
    const detail = t.detail ?? ((d, deliver) => deliver(d));
    const on = inner.on.bind(inner) as (name: EventName, listener: (p: Payload) => void) => unknown;
    return {
      enterRoom: (params) =>
        t.enterRoom
          ? t.enterRoom(params, (p) => inner.enterRoom(p), inner.getState())
          : inner.enterRoom(params),
      exitRoom: () => inner.exitRoom(),
      handlePusherStateChange: (d) =>
        detail(d, (changed) => inner.handlePusherStateChange(changed)),
      getState: () => inner.getState(),
      getRemoteUsers: () => (t.users ?? ((u) => u))(inner.getRemoteUsers(), inner.getState()),
      getRemoteStreams: () => (t.streams ?? ((s) => s))(inner.getRemoteStreams()),
      on: (name: EventName, listener: (payload: never) => void) =>
        on(name, (payload) => event(name, payload, listener as (p: Payload) => void)),
    };
  };

export const MUTANTS: readonly Mutant[] = [
  {
    breaks: 're-emits video-available true, as trtc-wx does (repeated-availability)',
    tweak: () => ({
      event: (name, payload, deliver) => {
        deliver(payload);
        if (name === 'video-available' && payload.available) deliver(payload);
      },
    }),
    caught: /events differ/,
  },
  {
    breaks: 'drops user-left',
    tweak: () => ({ event: (name, payload, deliver) => name !== 'user-left' && deliver(payload) }),
    caught: /events differ/,
  },
  {
    breaks: 'reports every video stream as main',
    tweak: () => ({
      event: (name, payload, deliver) =>
        deliver(name === 'video-available' ? { ...payload, streamType: 'main' } : payload),
    }),
    caught: /events differ/,
  },
  {
    breaks: 'keeps the first src, as trtc-wx does (src-refresh)',
    tweak: () => {
      const first = new Map<string, string>();
      return {
        streams: (list) =>
          list.map((s) => {
            if (!first.has(s.key)) first.set(s.key, s.src);
            return { ...s, src: first.get(s.key)! };
          }),
      };
    },
    caught: /src .*latest announced/,
  },
  {
    breaks: 'keeps removed streams as ghosts, as trtc-wx does (ghost-players)',
    tweak: () => {
      const ever = new Map<string, ClientStream>();
      return {
        streams: (list) => {
          list.forEach((s) => ever.set(s.key, s));
          const live = new Set(list.map((s) => s.key));
          const ghosts = [...ever.values()]
            .filter((s) => !live.has(s.key))
            .map((s) => ({ ...s, hasVideo: false, hasAudio: false }));
          return [...list, ...ghosts];
        },
      };
    },
    caught: /ghost stream/,
  },
  {
    breaks: 'ignores 1019 reason[2] (kicked: dismissed)',
    tweak: () => ({
      detail: (d, deliver) =>
        !(d['code'] === 1019 && String(d['message']).includes('reason[2]')) && deliver(d),
    }),
    caught: /expected kicked|events differ/,
  },
  {
    breaks: 'reports a dismissal as a kick (kicked)',
    tweak: () => ({
      event: (name, payload, deliver) =>
        deliver(payload.reason === 'dismissed' ? { ...payload, reason: 'kicked' } : payload),
    }),
    caught: /events differ at #\d+: expected state kicked\(dismissed\)/,
  },
  {
    breaks: 'ignores a 1019 without a message (exit-without-reason)',
    tweak: () => ({
      detail: (d, deliver) => !(d['code'] === 1019 && !('message' in d)) && deliver(d),
    }),
    caught: /expected kicked|events differ/,
  },
  {
    breaks: 'ignores -100018 (user-sig-invalid)',
    tweak: () => ({ detail: (d, deliver) => d['code'] !== -100018 && deliver(d) }),
    caught: /expected failed|events differ/,
  },
  {
    breaks: 'never times out the exit (exit-completion)',
    tweak: () => ({ dropTimer: (ms) => ms === 1500 }),
    caught: /ours is leaving, expected left/,
  },
  {
    breaks: 'never times out the entry (enter-timeout)',
    tweak: () => ({ dropTimer: (ms) => ms === 5000 }),
    caught: /ours is (entering|reconnecting), expected failed|events differ/,
  },
  {
    breaks: 'never re-enters after a disconnect (reconnect)',
    tweak: () => ({ dropTimer: (ms) => ms === 0 || ms === 1000 || ms === 2000 || ms === 4000 }),
    caught: /ours is reconnecting, expected failed|events differ/,
  },
  {
    breaks: 'never closes the reconcile window (reconcile)',
    tweak: () => ({ dropTimer: (ms) => ms === 3000 }),
    caught: /events differ|users differ|streams differ/,
  },
  {
    breaks: 'crashes on a null entry (malformed-entry)',
    tweak: () => ({
      detail: (d, deliver) => {
        if (userlistOf(d['message'])?.includes(null)) throw new TypeError('null entry');
        deliver(d);
      },
    }),
    caught: /ours threw TypeError: null entry/,
  },
  {
    breaks: 'drops the rest of a batch after a null entry, as trtc-wx does (malformed-entry)',
    tweak: () => ({
      detail: (d, deliver) =>
        deliver(
          userlistWith(d, (list) =>
            list.includes(null) ? list.slice(0, list.indexOf(null)) : list,
          ),
        ),
    }),
    caught: /events differ|users differ|streams differ/,
  },
  {
    breaks: 'reads hasvideo "true" as on, as trtc-wx does (malformed-entry)',
    tweak: () => ({
      detail: (d, deliver) =>
        deliver(
          userlistWith(d, (list) =>
            list.map((e) =>
              typeof e === 'object' && e !== null && (e as Detail)['hasvideo'] === 'true'
                ? { ...e, hasvideo: true }
                : e,
            ),
          ),
        ),
    }),
    caught: /events differ|streams differ|without a warning/,
  },
  {
    breaks: 'skips malformed entries without a warning (malformed-entry)',
    tweak: () => ({
      detail: (d, deliver) => {
        setLogLevel('silent');
        try {
          deliver(d);
        } finally {
          setLogLevel('warn');
        }
      },
    }),
    caught: /without a warning/,
  },
  {
    breaks: 'forgets users beyond the fifth',
    tweak: () => ({ users: (list) => list.slice(0, 5) }),
    caught: /users differ/,
  },
  {
    breaks: 'keeps showing its users after leaving the room (exit-departures, out-of-room)',
    tweak: () => {
      let last: readonly { readonly userId: string }[] = [];
      return {
        users: (list, state) => {
          if (['entering', 'joined', 'reconnecting'].includes(state)) last = list;
          return list.length > 0 ? list : last;
        },
      };
    },
    caught: /users differ/,
  },
  {
    breaks: 'enters a strRoomId room as a numeric one',
    tweak: () => ({
      enterRoom: (params, enter) =>
        'strRoomId' in params
          ? enter({
              sdkAppId: params.sdkAppId,
              userId: params.userId,
              userSig: params.userSig,
              roomId: 1,
            })
          : enter(params),
    }),
    caught: /room URL/,
  },
  {
    breaks: 'cannot enter again after exitRoom (re-enter)',
    tweak: () => {
      let entries = 0;
      return {
        enterRoom: (params, enter) => {
          if (++entries > 1) throw new Error('entered once already');
          return enter(params);
        },
      };
    },
    caught: /enterRoom\(\) threw/,
  },
  {
    breaks: 'lets enterRoom pass while in a room (enter-in-room)',
    tweak: () => ({
      enterRoom: (params, enter) => {
        try {
          return enter(params);
        } catch {
          return { url: 'swallowed' };
        }
      },
    }),
    caught: /must throw INVALID_STATE, got no error/,
  },
];
