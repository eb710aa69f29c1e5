// One sentence for a page to show or log when a room fails: what happened, with what the engine
// (or the room emulator) said, and what to do about it.
import type { FailureReason } from '../core/room/room-types';

/** What to check for the entry refusals that have a known cause (docs/protocol.md §2.1). */
const ENTER_HINTS: Readonly<Record<number, string>> = {
  [-3301]: 'Check the room id and that the SDKAppID has TRTC enabled.',
  [-100006]:
    'The room requires a PrivateMapKey: pass one signed for this user and room with the ' +
    'privileges it needs (privateMapKey).',
  [-100015]: 'The SDKAppID is not a TRTC application: check sdk-app-id against the TRTC console.',
  1022: 'Check the room id, the network, and the SDKAppID in the TRTC console.',
};

const said = (message: string | null): string => (message ? `: "${message}"` : '');

const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

export function describeFailure(reason: FailureReason): string {
  switch (reason.kind) {
    case 'enter-failed':
      return (
        `TRTC refused to enter the room (code ${reason.code})${said(reason.message)}. ` +
        (ENTER_HINTS[reason.code] ?? 'Check the room parameters and the network.')
      );
    case 'enter-timeout':
      return (
        `No answer from TRTC within ${reason.timeoutMs} ms of entering. Check the network, and ` +
        'that the mini-program may use real-time audio and video (its category and the ' +
        'live-pusher permission in the MP admin console).'
      );
    case 'user-sig-invalid':
      return (
        `TRTC rejected the UserSig (code ${reason.code})${said(reason.message)}. ` +
        sentence(reason.diagnosis?.message ?? 'sign it again on your server')
      );
    case 'reconnect-exhausted':
      return (
        `The connection was lost and ${reason.attempts} attempts to enter again failed. Check ` +
        'the network, then call enter() again.'
      );
  }
}
