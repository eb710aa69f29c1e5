import type { Emitter } from '../emitter';
import { TrtcErrorCode, isTrtcError } from '../errors';
import { invalidParameter } from '../validate';
import { PUSHER_TARGET as PUSHER } from './command-queue';
import type { CommandQueue } from './command-queue';
import type { NativeAdapter, PusherContextLike } from './adapters';
import { DEFAULT_PUSHER_ATTRIBUTES } from './pusher-attributes';
import type { PusherAttributes } from './pusher-attributes';
import type { LocalState, RoomClientEvents } from './room-events';

const INITIAL_LOCAL: LocalState = {
  userId: null,
  role: 'anchor',
  camera: false,
  microphone: false,
  microphoneMuted: false,
  cameraPosition: 'front',
};

/** The local side: `<live-pusher>` attributes, publishing state and the pusher's command lane. */
export class LocalPusher {
  private attrs_: PusherAttributes = DEFAULT_PUSHER_ATTRIBUTES;
  private state_: LocalState = INITIAL_LOCAL;
  private context_: PusherContextLike | null = null;

  constructor(
    private readonly emitter_: Emitter<RoomClientEvents>,
    private readonly queue_: CommandQueue,
    private readonly adapter_: NativeAdapter,
  ) {}

  get attributes_(): PusherAttributes {
    return this.attrs_;
  }

  get local_(): LocalState {
    return this.state_;
  }

  update_(patch: Partial<PusherAttributes>): void {
    const keys = Object.keys(patch) as (keyof PusherAttributes)[];
    if (keys.every((key) => patch[key] === undefined || patch[key] === this.attrs_[key])) return;
    this.attrs_ = Object.freeze({ ...this.attrs_, ...patch });
    this.emitter_.emit('pusher-changed', this.attrs_);
  }

  setLocal_(patch: Partial<LocalState>): void {
    const keys = Object.keys(patch) as (keyof LocalState)[];
    if (keys.every((key) => patch[key] === this.state_[key])) return;
    this.state_ = Object.freeze({ ...this.state_, ...patch });
    this.update_({
      enableCamera: this.state_.camera,
      enableMic: this.state_.microphone,
      muted: this.state_.microphoneMuted,
    });
    this.emitter_.emit('local-changed', this.state_);
  }

  call_<T>(label: string, run: (context: PusherContextLike) => Promise<T>): Promise<T> {
    return this.queue_.enqueue(PUSHER, label, () => run(this.ensureContext_()));
  }

  /** For commands nobody awaits: a failure is reported as `command-failed`. */
  fireAndForget_(label: string, run: (context: PusherContextLike) => Promise<unknown>): void {
    this.queue_
      .enqueue(PUSHER, label, () => run(this.ensureContext_()))
      .catch((error: unknown) => reportDetached(this.emitter_, error));
  }

  switchCamera_(): Promise<'front' | 'back'> {
    return this.call_('switchCamera', (context) => context.switchCamera()).then(() => {
      const next = this.state_.cameraPosition === 'front' ? 'back' : 'front';
      this.setLocal_({ cameraPosition: next });
      return next;
    });
  }

  sendSEIMessage_(message: string): Promise<void> {
    if (typeof message !== 'string' || message.length === 0 || message.length > 1000) {
      throw invalidParameter('message', 'a string of 1 to 1000 characters', message);
    }
    return this.call_('sendMessage', (context) => context.sendMessage(message));
  }

  playBGM_(url: string): Promise<void> {
    if (typeof url !== 'string' || url === '') throw invalidParameter('url', 'a URL string', url);
    return this.call_('playBGM', (context) => context.playBGM({ url }));
  }

  setBGMVolume_(volume: number): Promise<void> {
    const value = unitInterval(volume, 'volume');
    return this.call_('setBGMVolume', (context) => context.setBGMVolume(value));
  }

  setZoom_(zoom: number): Promise<void> {
    // WeChat: 1 to maxZoom, one decimal. The top depends on the camera: the host checks it.
    if (typeof zoom !== 'number' || !(zoom >= 1) || !Number.isFinite(zoom) || !tenths(zoom)) {
      throw invalidParameter('zoom', 'a number from 1 to getMaxZoom() in steps of 0.1', zoom);
    }
    return this.call_('setZoom', (context) => context.setZoom(zoom));
  }

  setMicVolume_(volume: number): Promise<void> {
    const value = unitInterval(volume, 'volume');
    return this.call_('setMICVolume', (context) => context.setMICVolume(value));
  }

  private ensureContext_(): PusherContextLike {
    if (!this.context_) this.context_ = this.adapter_.createPusherContext();
    return this.context_;
  }
}

/** Cancellations are expected (the room was left); anything else is worth telling the app. */
export function reportDetached(emitter: Emitter<RoomClientEvents>, error: unknown): void {
  if (isTrtcError(error, TrtcErrorCode.CommandCancelled)) return;
  if (isTrtcError(error)) emitter.emit('command-failed', error);
}

/** True for a number with at most one decimal (floating point aside: 1.1, 2.3). */
function tenths(value: number): boolean {
  return Math.abs(value * 10 - Math.round(value * 10)) < 1e-6;
}

function unitInterval(value: unknown, field: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw invalidParameter(field, 'a number from 0 to 1', value);
  }
  return value;
}
