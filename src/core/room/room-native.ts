import { NativePlayers } from './native-players';
import type { PusherStateEvent } from '../protocol';
import {
  decodeAudioVolume,
  decodeBgmProgress,
  decodeNetStatus,
  decodePusherError,
  decodePusherStateChange,
} from '../protocol';
import { diagnoseRoomUserSig } from './user-sig-diagnosis';
import type { FailureReason } from './room-types';

/**
 * Turns decoded native events into state changes, per the playbook in the docs: the pusher's
 * here, the players' in NativePlayers. Never throws.
 */
export class RoomNative extends NativePlayers {
  pusherStateChange_(detail: unknown): void {
    const event = decodePusherStateChange(detail);
    this.host_.emitter_.emit('pusher-state', event);
    this.onPusherState_(event);
  }

  private onPusherState_(event: PusherStateEvent): void {
    const { machine_: machine, model_: model, lifecycle_: lifecycle } = this.host_;
    const live = machine.is_('entering', 'joined', 'reconnecting');
    switch (event.type) {
      case 'room-entered':
        if (machine.is_('entering', 'reconnecting')) {
          const wasReconnecting = machine.is_('reconnecting');
          machine.set_({ to: 'joined' });
          lifecycle.joined_(wasReconnecting);
        }
        return;
      case 'room-exited':
        if (machine.is_('leaving')) return this.host_.completeExit_();
        if (!live) return;
        if (event.reason !== 'normal') return this.host_.kick_(event.reason);
        // A normal exit we did not ask for: our own re-enter, or the engine dropped us.
        if (!machine.is_('reconnecting')) lifecycle.reenter_('disconnected', 0);
        return;
      case 'remote-user-list':
        if (live) this.host_.applyChanges_(model.applyUserList(event.users));
        return;
      case 'remote-users-joined':
        if (live) this.host_.applyChanges_(model.applyUsersJoined(event.users));
        return;
      case 'remote-users-left':
        if (live) this.host_.applyChanges_(model.applyUsersLeft(event.users));
        return;
      case 'remote-video-changed':
        if (live) this.host_.applyChanges_(model.applyVideo(event.users));
        return;
      case 'remote-audio-changed':
        if (live) this.host_.applyChanges_(model.applyAudio(event.users));
        return;
      case 'network-changed':
        if (machine.is_('joined')) lifecycle.reenter_('network-changed', 0);
        return;
      case 'room-enter-failed':
      case 'room-enter-error':
      case 'private-map-key-invalid':
      case 'sdk-app-id-invalid':
        return this.enterFailed_(event.code, event.type, event.message);
      case 'user-sig-invalid':
        if (live) this.host_.fail_(this.userSigFailure_(event.code, event.message));
        return;
      case 'push-disconnected':
        this.nativeError_('pusher', null, event.code, event.type, event.message);
        if (machine.is_('reconnecting')) lifecycle.attemptFailed_();
        else if (machine.is_('joined', 'entering'))
          lifecycle.reenter_('disconnected', lifecycle.nextDelay_());
        return;
      case 'suspended':
      case 'interrupted':
        if (!live) return;
        lifecycle.owePendingReenter_();
        // Re-entered on page show; a still-visible page re-enters after the first backoff step.
        lifecycle.reenter_(event.type, lifecycle.nextDelay_());
        return;
      case 'camera-opened':
        return this.host_.setPermission_('camera', 'granted');
      case 'camera-unauthorized':
        this.host_.setPermission_('camera', 'denied');
        return this.nativeError_('pusher', null, event.code, event.type, event.message);
      case 'mic-unauthorized':
        this.host_.setPermission_('microphone', 'denied');
        return this.nativeError_('pusher', null, event.code, event.type, event.message);
      case 'malformed':
      case 'unknown':
        return;
      default:
        if (event.severity === 'error') {
          this.nativeError_('pusher', null, event.code, event.type, event.message);
        }
    }
  }

  private enterFailed_(
    code: number,
    type:
      'room-enter-failed' | 'room-enter-error' | 'private-map-key-invalid' | 'sdk-app-id-invalid',
    message: string | null,
  ): void {
    const { machine_: machine, lifecycle_: lifecycle } = this.host_;
    this.nativeError_('pusher', null, code, type, message);
    if (machine.is_('entering')) this.host_.fail_({ kind: 'enter-failed', code, message });
    else if (machine.is_('reconnecting')) lifecycle.attemptFailed_();
  }

  private userSigFailure_(code: number, message: string | null): FailureReason {
    const params = this.host_.session_()?.params_;
    const diagnosis = params
      ? diagnoseRoomUserSig(params.userSig, {
          sdkAppId: params.sdkAppId,
          userId: params.userId,
          now: this.host_.options_.scheduler_.now(),
        })
      : null;
    return { kind: 'user-sig-invalid', code, message, diagnosis };
  }

  pusherError_(detail: unknown): void {
    const event = decodePusherError(detail);
    if (event.type === 'malformed' || event.type === 'unknown') {
      if (event.type === 'unknown') {
        this.nativeError_('pusher', null, event.code, 'unknown', event.message);
      }
      return;
    }
    if (event.type === 'camera-permission-denied') this.host_.setPermission_('camera', 'denied');
    if (event.type === 'record-permission-denied')
      this.host_.setPermission_('microphone', 'denied');
    this.nativeError_('pusher', null, event.code, event.type, event.message);
  }

  pusherNetStatus_(detail: unknown): void {
    const event = decodeNetStatus(detail);
    if (event.type !== 'net-status') return;
    this.host_.emitter_.emit('local-net-status', event.stats);
    if (event.stats.quality !== this.localQuality_) {
      this.localQuality_ = event.stats.quality;
      this.emitQuality_();
    }
  }

  pusherAudioVolume_(detail: unknown): void {
    const event = decodeAudioVolume(detail);
    if (event.type === 'audio-volume') this.host_.emitter_.emit('local-volume', event.volume);
  }

  bgmProgress_(detail: unknown): void {
    const event = decodeBgmProgress(detail);
    if (event.type !== 'bgm-progress') return;
    this.host_.emitter_.emit('bgm-progress', {
      progress: event.progress,
      duration: event.duration,
    });
  }
}
