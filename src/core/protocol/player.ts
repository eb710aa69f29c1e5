import { PLAYER_STATE_CODES, isPlayerStateCode } from './codes';
import { guard, log, readCoded, textOrNull } from './read';
import type { KnownPlayerStateEvent, PlayerStateEvent } from './event-types';

const STATE = 'player statechange';

/** Decodes a live-player `bindstatechange` detail `{ code, message }`. Never throws. */
export function decodePlayerStateChange(detail: unknown): PlayerStateEvent {
  return guard(STATE, detail, (raw): PlayerStateEvent => {
    const read = readCoded(STATE, raw, 'code', 'message');
    if ('type' in read) return read;
    const { code } = read;
    const message = textOrNull(read.message);
    if (!isPlayerStateCode(code)) {
      log.debug(`${STATE}: unknown code ${code}`);
      return { type: 'unknown', code, message };
    }
    const [type, severity] = PLAYER_STATE_CODES[code];
    // The mapped union cannot be rebuilt from a union code; the table lookup guarantees the pairing.
    return { type, code, severity, message } as KnownPlayerStateEvent;
  });
}
