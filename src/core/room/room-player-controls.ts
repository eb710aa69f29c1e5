// The remote players' side of RoomClient: their view options and commands (full screen,
// snapshots, the floating window, background playback, casting) and their native events.
import { TrtcError, TrtcErrorCode, isTrtcError } from '../errors';
import { createLogger, withLogLevel } from '../logger';
import type { TraceNativeEvent, TraceSource } from '../trace/trace-types';
import type { FullscreenDirection, SnapshotOptions, SnapshotResult } from './adapters';
import { decodeCastingEvent, isCastingNativeEvent } from './casting';
import type { CastingCommand } from './casting';
import { checkAudioRoute, flag } from './room-options';
import { RoomEngine, assertRemoteUserId, assertStreamType } from './room-engine';
import type { AudioRoute, ObjectFit, Orientation, StreamKey } from './room-types';
import { invalidParameter } from '../validate';

const log = createLogger('room');

export class RoomPlayerControls extends RoomEngine {
  setRemoteViewOptions(
    userId: string,
    streamType: 'main' | 'aux',
    view: {
      objectFit?: ObjectFit;
      orientation?: Orientation;
      enableAutoRotation?: boolean;
      enableCasting?: boolean;
    },
  ): void {
    assertRemoteUserId(userId);
    assertStreamType(streamType);
    const { objectFit, orientation, enableAutoRotation, enableCasting } = view;
    if (objectFit !== undefined && objectFit !== 'contain' && objectFit !== 'fillCrop') {
      throw invalidParameter('objectFit', "'contain' or 'fillCrop'", objectFit);
    }
    if (orientation !== undefined && orientation !== 'vertical' && orientation !== 'horizontal') {
      throw invalidParameter('orientation', "'vertical' or 'horizontal'", orientation);
    }
    if (enableAutoRotation !== undefined) flag(enableAutoRotation, 'enableAutoRotation', false);
    if (enableCasting !== undefined) flag(enableCasting, 'enableCasting', false);
    const patch = {
      ...(objectFit && { objectFit }),
      ...(orientation && { orientation }),
      ...(enableAutoRotation !== undefined && { enableAutoRotation }),
      ...(enableCasting !== undefined && { enableCasting }),
    };
    this.playerManager_.setPreferences_(`${userId}_${streamType}`, patch);
    this.recomputePlayers_();
  }

  /** Speaker or earpiece for every remote player. */
  setAudioRoute(route: AudioRoute): void {
    checkAudioRoute(route, 'route');
    this.playerManager_.setAudioRoute_(route);
    this.recomputePlayers_();
  }

  enterFullscreen(playerId: StreamKey, direction: FullscreenDirection = 90): Promise<void> {
    if (direction !== 0 && direction !== 90 && direction !== -90) {
      return Promise.reject(invalidParameter('direction', '0, 90 or -90', direction));
    }
    return this.native_.playerCall_(playerId, 'requestFullScreen', (c) =>
      c.requestFullScreen(direction),
    );
  }

  exitFullscreen(playerId: StreamKey): Promise<void> {
    return this.native_.playerCall_(playerId, 'exitFullScreen', (c) => c.exitFullScreen());
  }

  snapshotRemote(
    playerId: StreamKey,
    options: SnapshotOptions = { quality: 'raw' },
  ): Promise<SnapshotResult> {
    return this.native_.playerCall_(playerId, 'snapshot', (c) => c.snapshot(options));
  }

  /** Closes the floating window (the player's, or the pusher's); resolves at once with none. */
  exitPictureInPicture(): Promise<void> {
    const floating = this.floating_.current;
    if (floating === null) return Promise.resolve();
    if (floating === 'pusher') {
      return this.pusher_.call_('exitPictureInPicture', (c) => c.exitPictureInPicture());
    }
    return this.native_.playerCall_(floating, 'exitPictureInPicture', (c) =>
      c.exitPictureInPicture(),
    );
  }

  /**
   * LivePlayerContext.requestBackgroundPlayback (2.14.3). WeChat refuses it for RTC-mode players,
   * which trtc-room's are (NATIVE_CALL_FAILED saying so): use `pictureInPicture` instead.
   */
  requestBackgroundPlayback(playerId: StreamKey): Promise<void> {
    return this.native_.playerCall_(playerId, 'requestBackgroundPlayback', (c) =>
      c.requestBackgroundPlayback(),
    );
  }

  exitBackgroundPlayback(playerId: StreamKey): Promise<void> {
    return this.native_.playerCall_(playerId, 'exitBackgroundPlayback', (c) =>
      c.exitBackgroundPlayback(),
    );
  }

  /**
   * Opens WeChat's sheet to cast `playerId` to a TV (LivePlayerContext.startCasting, base library
   * 2.32.0). WeChat takes it only inside a tap handler: call it from one; it runs at once or
   * rejects (INVALID_STATE while the player is not rendered, busy with another command, or does
   * not offer casting). What follows comes as `casting` events.
   */
  startCasting(playerId: StreamKey): Promise<void> {
    return this.cast_(playerId, 'startCasting');
  }

  /** Picks another device (LivePlayerContext.switchCasting); from a tap handler, as startCasting. */
  switchCasting(playerId: StreamKey): Promise<void> {
    return this.cast_(playerId, 'switchCasting');
  }

  /** Reconnects to the device (LivePlayerContext.reconnectCasting), e.g. after `interrupted`. */
  reconnectCasting(playerId: StreamKey): Promise<void> {
    return this.cast_(playerId, 'reconnectCasting');
  }

  /** Stops casting (LivePlayerContext.exitCasting); from a tap handler, as startCasting. */
  exitCasting(playerId: StreamKey): Promise<void> {
    return this.cast_(playerId, 'exitCasting');
  }

  /**
   * The command, called now. A player the room does not offer casting on may still offer it
   * itself (<trtc-player enable-casting>), so WeChat decides; its refusal then names the option.
   */
  private cast_(playerId: StreamKey, command: CastingCommand): Promise<void> {
    const call = this.native_.playerTapCall_(playerId, command, (c) => c[command]());
    const player = this.playerManager_.players_.find((candidate) => candidate.id === playerId);
    if (player === undefined || player.enableCasting) return call;
    return call.catch((error: unknown) => {
      if (!isTrtcError(error, TrtcErrorCode.NativeCallFailed)) throw error;
      const hint = `${error.message} (${playerId} has no enableCasting: turn it on)`;
      throw new TrtcError(error.code, hint.replace(/^\[trtc-room\] /, ''), { cause: error.cause });
    });
  }

  // ---- the players' native events: wire these to the bind* attributes ----------------------

  handlePlayerStateChange(playerId: StreamKey, detail: unknown): void {
    this.logged_('player', playerId, 'statechange', detail, () =>
      this.native_.playerStateChange_(playerId, detail),
    );
  }

  handlePlayerNetStatus(playerId: StreamKey, detail: unknown): void {
    this.logged_('player', playerId, 'netstatus', detail, () =>
      this.native_.playerNetStatus_(playerId, detail),
    );
  }

  handlePlayerAudioVolume(playerId: StreamKey, detail: unknown): void {
    this.logged_('player', playerId, 'audiovolumenotify', detail, () =>
      this.native_.playerAudioVolume_(playerId, detail),
    );
  }

  handlePlayerFullscreenChange(playerId: StreamKey, detail: unknown): void {
    this.logged_('player', playerId, 'fullscreenchange', detail, () =>
      this.native_.playerFullscreenChange_(playerId, detail),
    );
  }

  /**
   * bindenterpictureinpicture (`active` true) / bindleavepictureinpicture of the pusher or a
   * player: `picture-in-picture-changed` when it changes what is in the floating window.
   */
  handlePictureInPicture(source: TraceSource, playerId: StreamKey | null, active: boolean): void {
    const event = active ? 'enterpictureinpicture' : 'leavepictureinpicture';
    const id = source === 'player' ? playerId : null;
    this.logged_(source, id, event, null, () =>
      this.floatingChanged_(this.floating_.set_(source, id, active)),
    );
  }

  /**
   * bindcastinguserselect / bindcastingstatechange / bindcastinginterrupt (`event`: the native
   * event's type, e.g. `e.type`): a `casting` event. Another type is logged and ignored.
   */
  handlePlayerCasting(playerId: StreamKey, event: string, detail: unknown): void {
    if (!isCastingNativeEvent(event)) {
      log.warn(`handlePlayerCasting: ${JSON.stringify(event)} is not a casting event; ignored`);
      return;
    }
    this.logged_('player', playerId, event, detail, () => {
      const decoded = decodeCastingEvent(playerId, event, detail);
      if (decoded.problem !== null) log.warn(decoded.problem);
      this.emitter_.emit('casting', decoded.event);
    });
  }

  /** Native work is recorded when the client records a trace, and runs at its own log level. */
  protected logged_(
    source: TraceSource,
    playerId: StreamKey | null,
    event: TraceNativeEvent,
    detail: unknown,
    run: () => void,
  ): void {
    this.options_.recorder_?.native(source, playerId, event, detail);
    withLogLevel(this.options_.logLevel_, run);
  }
}
