// Casting (投屏, base library 2.32.0): a player's stream shown on a TV. The player offers it with
// live-player enable-casting; LivePlayerContext's casting methods work only inside a tap handler,
// and the native events below say what happened. docs/protocol.md §7.5.
import type { StreamKey } from './room-types';

/** The LivePlayerContext casting methods, each callable only from a tap handler. */
export type CastingCommand = 'startCasting' | 'switchCasting' | 'reconnectCasting' | 'exitCasting';

/** The native casting events, as the live-player bind* attributes name them. */
export type CastingNativeEvent = 'castinguserselect' | 'castingstatechange' | 'castinginterrupt';

/**
 * What happened: the person picked a device in WeChat's sheet (or gave up), casting started or
 * failed, or something (the TV, the network) interrupted it.
 */
export type CastingEventKind = 'device-selected' | 'state-changed' | 'interrupted';

/** `casting`: one native casting event of one player. */
export interface CastingEvent {
  readonly playerId: StreamKey;
  readonly kind: CastingEventKind;
  /**
   * The event's `state`: true for "success", false for "fail"; null for `interrupted`, which has
   * none, and for a state WeChat does not document (logged).
   */
  readonly ok: boolean | null;
  /** castingstatechange's `type` as WeChat sends it (its values are undocumented), else null. */
  readonly type: string | null;
}

const KINDS: { readonly [E in CastingNativeEvent]: CastingEventKind } = {
  castinguserselect: 'device-selected',
  castingstatechange: 'state-changed',
  castinginterrupt: 'interrupted',
};

export const CASTING_NATIVE_EVENTS = Object.keys(KINDS) as readonly CastingNativeEvent[];

export function isCastingNativeEvent(name: unknown): name is CastingNativeEvent {
  return (CASTING_NATIVE_EVENTS as readonly unknown[]).indexOf(name) >= 0;
}

/** The event to emit for a native casting event, and what was wrong with its detail, if anything. */
export function decodeCastingEvent(
  playerId: StreamKey,
  event: CastingNativeEvent,
  detail: unknown,
): { readonly event: CastingEvent; readonly problem: string | null } {
  const kind = KINDS[event];
  const fields =
    typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>) : {};
  const type = typeof fields.type === 'string' ? fields.type : null;
  if (kind === 'interrupted') return { event: { playerId, kind, ok: null, type }, problem: null };
  const { state } = fields;
  const ok = state === 'success' ? true : state === 'fail' ? false : null;
  const problem =
    ok === null
      ? `${event} of ${playerId}: state ${JSON.stringify(state) ?? 'undefined'} is neither "success" nor "fail"`
      : null;
  return { event: { playerId, kind, ok, type }, problem };
}
