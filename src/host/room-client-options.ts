// The RoomClient options a <trtc-room> (or useTrtcRoom) reads once, when it is created: each
// property checked, a bad value reported through the guard and replaced by its default.
import {
  checkPictureInPictureMode,
  checkPictureInPicturePosition,
} from '../core/room/picture-in-picture';
import { DEFAULT_MAX_PLAYERS, validateMaxPlayers } from '../core/room/player-pool';
import type { RoomClientOptions } from '../core/room/room-options';
import { checkRecordTrace, checkTraceEntries } from './property-checks';
import type { PropertyGuard } from './property-guard';
import { DEFAULT_TRACE_ENTRIES, checkAudioRoute, numericProperty } from './room-properties';
import type { TrtcRoomProperties } from './room-properties';

const maxPlayersOf = (value: unknown): number => validateMaxPlayers(numericProperty(value));

/** record-trace and trace-entries as RoomClientOptions.recordTrace (bad values reported). */
function recordTraceOf(
  props: TrtcRoomProperties,
  guard: PropertyGuard,
): { recordTrace?: { maxEntries: number } } {
  if (!guard.check('recordTrace', props.recordTrace, checkRecordTrace, false)) return {};
  const maxEntries = guard.check(
    'traceEntries',
    props.traceEntries,
    checkTraceEntries,
    DEFAULT_TRACE_ENTRIES,
  );
  return { recordTrace: { maxEntries } };
}

/** The client's options from the properties (the adapter is the caller's). */
export function clientOptionsOf(
  props: TrtcRoomProperties,
  guard: PropertyGuard,
): Omit<RoomClientOptions, 'adapter'> {
  return {
    maxPlayers: guard.check('maxPlayers', props.maxPlayers, maxPlayersOf, DEFAULT_MAX_PLAYERS),
    audioRoute: guard.check('audioRoute', props.audioRoute, checkAudioRoute, 'speaker'),
    enableRecvMessage: props.enableRecvMessage === true,
    enableAutoRotation: props.enableAutoRotation === true,
    pictureInPicture: guard.check(
      'pictureInPicture',
      props.pictureInPicture,
      checkPictureInPictureMode,
      '',
    ),
    pictureInPicturePosition: guard.check(
      'pictureInPicturePosition',
      props.pictureInPicturePosition,
      checkPictureInPicturePosition,
      '',
    ),
    enableCasting: props.enableCasting === true,
    ...(props.debug ? { logLevel: 'debug' as const } : {}),
    ...recordTraceOf(props, guard),
  };
}
