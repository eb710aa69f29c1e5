// Invalid details for the generator: a valid one mutated one to three times, or not a detail at
// all (an odd value, or one that throws when read).
import type { ActionBody, ClientView, PlayerEventKind, PusherEventKind } from './actions';
import { hostile } from './hostile';
import { ODD_VALUES, mutate } from './mutations';
import type { Rng } from './rng';
import { show } from './show';
import {
  ANDROID_PLAYER_NET_INFO,
  audioVolume,
  netStatus,
  playerState,
  pusherState,
} from '../native-events';
import type { ValidDetails } from './valid-details';
import { PLAYER_CODES } from './valid-details';

/** A valid detail, then one to three mutations. */
export function mutatedEvent(details: ValidDetails, view: ClientView): ActionBody {
  const { rng } = details;
  const pusher = rng.chance(0.8);
  if (pusher) {
    const code = rng.weighted<1020 | 1031 | 1032 | 1033 | 1034 | 1019 | 1018>([
      [1, 1020],
      [3, 1031],
      [2, 1032],
      [4, 1033],
      [3, 1034],
      [0.5, 1019],
      [0.3, 1018],
    ]);
    const valid =
      code === 1019
        ? pusherState(1019, details.exitMessage())
        : code === 1018
          ? pusherState(1018, 'ok')
          : details.payload(view, code);
    const [detail, note] = mutateAll(rng, valid, 'code', 'message');
    return { kind: 'pusher-state', detail, note: `mutated ${code}: ${note}` };
  }
  const playerId = details.playerId(view);
  const which = rng.int(3);
  const valid =
    which === 0
      ? audioVolume(rng.int(101))
      : which === 1
        ? netStatus(details.netInfo(ANDROID_PLAYER_NET_INFO))
        : playerState(rng.pick(PLAYER_CODES), 'x');
  const kind: PlayerEventKind =
    which === 0 ? 'player-volume' : which === 1 ? 'player-net' : 'player-state';
  const [detail, note] =
    which === 1
      ? mutateInfo(rng, valid)
      : mutateAll(rng, valid, which === 0 ? 'volume' : 'code', 'message');
  return { kind, playerId, detail, note: `mutated ${kind}: ${note}` };
}

function mutateAll(
  rng: Rng,
  valid: Record<string, unknown>,
  codeKey: string,
  messageKey: string,
): [unknown, string] {
  let detail: unknown = valid;
  const notes: string[] = [];
  const times = rng.weighted([
    [6, 1],
    [3, 2],
    [1, 3],
  ]);
  for (let i = 0; i < times; i++) {
    const [next, note] = mutate(rng, detail, codeKey, messageKey);
    detail = next;
    notes.push(note);
  }
  return [detail, notes.join(', ')];
}

function mutateInfo(rng: Rng, valid: Record<string, unknown>): [unknown, string] {
  const info = { ...(valid['info'] as Record<string, unknown>) };
  const key = rng.pick(['netQualityLevel', 'videoBitrate', 'videoWidth', 'serverIP']);
  const value = rng.pick(ODD_VALUES);
  if (rng.chance(0.2)) return [{ info: rng.pick(ODD_VALUES) }, 'info replaced'];
  if (rng.chance(0.2)) return [{}, 'no info'];
  info[key] = value;
  return [{ ...valid, info }, `info.${key} = ${show(value)}`];
}

/** Not a detail at all, or one that throws when read. */
export function garbageEvent(details: ValidDetails, view: ClientView): ActionBody {
  const { rng } = details;
  const isHostile = rng.chance(0.4);
  const detail = isHostile ? hostile(rng) : rng.pick(ODD_VALUES);
  const kind = rng.pick<PusherEventKind | PlayerEventKind>([
    'pusher-state',
    'pusher-state',
    'pusher-error',
    'pusher-net',
    'pusher-volume',
    'bgm-progress',
    'player-state',
    'player-net',
    'player-volume',
    'player-fullscreen',
  ]);
  if (kind.startsWith('player-')) {
    return {
      kind: kind as PlayerEventKind,
      playerId: details.playerId(view),
      detail,
      note: 'garbage detail',
    };
  }
  return { kind: kind as PusherEventKind, detail, note: 'garbage detail' };
}
