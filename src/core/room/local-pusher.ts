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
  private attrs: PusherAttributes = DEFAULT_PUSHER_ATTRIBUTES;
  private state: LocalState = INITIAL_LOCAL;
  private context: PusherContextLike | null = null;

  constructor(
    private readonly emitter: Emitter<RoomClientEvents>,
    private readonly queue: CommandQueue,
    private readonly adapter: NativeAdapter,
  ) {}

  get attributes(): PusherAttributes {
    return this.attrs;
  }

  get local(): LocalState {
    return this.state;
  }

  update(patch: Partial<PusherAttributes>): void {
    const keys = Object.keys(patch) as (keyof PusherAttributes)[];
    if (keys.every((key) => patch[key] === undefined || patch[key] === this.attrs[key])) return;
    this.attrs = Object.freeze({ ...this.attrs, ...patch });
    this.emitter.emit('pusher-changed', this.attrs);
  }

  setLocal(patch: Partial<LocalState>): void {
    const keys = Object.keys(patch) as (keyof LocalState)[];
    if (keys.every((key) => patch[key] === this.state[key])) return;
    this.state = Object.freeze({ ...this.state, ...patch });
    this.update({
      enableCamera: this.state.camera,
      enableMic: this.state.microphone,
      muted: this.state.microphoneMuted,
    });
    this.emitter.emit('local-changed', this.state);
  }

  call<T>(label: string, run: (context: PusherContextLike) => Promise<T>): Promise<T> {
    return this.queue.enqueue(PUSHER, label, () => run(this.ensureContext()));
  }

  /** For commands nobody awaits: a failure is reported as `command-failed`. */
  fireAndForget(label: string, run: (context: PusherContextLike) => Promise<unknown>): void {
    this.queue
      .enqueue(PUSHER, label, () => run(this.ensureContext()))
      .catch((error: unknown) => reportDetached(this.emitter, error));
  }

  switchCamera(): Promise<'front' | 'back'> {
    return this.call('switchCamera', (context) => context.switchCamera()).then(() => {
      const next = this.state.cameraPosition === 'front' ? 'back' : 'front';
      this.setLocal({ cameraPosition: next });
      return next;
    });
  }

  sendSEIMessage(message: string): Promise<void> {
    if (typeof message !== 'string' || message.length === 0 || message.length > 1000) {
      throw invalidParameter('message', 'a string of 1 to 1000 characters', message);
    }
    return this.call('sendMessage', (context) => context.sendMessage(message));
  }

  playBGM(url: string): Promise<void> {
    if (typeof url !== 'string' || url === '') throw invalidParameter('url', 'a URL string', url);
    return this.call('playBGM', (context) => context.playBGM({ url }));
  }

  setBGMVolume(volume: number): Promise<void> {
    const value = unitInterval(volume, 'volume');
    return this.call('setBGMVolume', (context) => context.setBGMVolume(value));
  }

  setMicVolume(volume: number): Promise<void> {
    const value = unitInterval(volume, 'volume');
    return this.call('setMICVolume', (context) => context.setMICVolume(value));
  }

  private ensureContext(): PusherContextLike {
    if (!this.context) this.context = this.adapter.createPusherContext();
    return this.context;
  }
}

/** Cancellations are expected (the room was left); anything else is worth telling the app. */
export function reportDetached(emitter: Emitter<RoomClientEvents>, error: unknown): void {
  if (isTrtcError(error, TrtcErrorCode.CommandCancelled)) return;
  if (isTrtcError(error)) emitter.emit('command-failed', error);
}

function unitInterval(value: unknown, field: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw invalidParameter(field, 'a number from 0 to 1', value);
  }
  return value;
}
