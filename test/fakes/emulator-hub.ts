// Hub test fixtures: a hub on a manual clock, and clients that talk to it through a RecordingSink.
import { RoomHub } from '../../emulator/hub';
import type { HubOptions } from '../../emulator/hub';
import type { ClientConnection } from '../../emulator/emulator-types';
import { DEV_SDK_APP_ID, DEV_SECRET_KEY } from '../../emulator/dev-key';
import type { EmulatorPlatform, PlayingStream, PublishState } from '../../src/core/emulator/wire';
import { encodeFrame } from '../../src/core/emulator/wire';
import { buildPusherUrl } from '../../src/core/url';
import type { Scene } from '../../src/core/url';
import { genTestUserSig } from '../../src/usersig';
import { ManualScheduler } from './manual-scheduler';
import { RecordingSink } from './emulator-sink';

/** 2025-01-01T00:00:00Z: UserSigs are checked against the scheduler's clock. */
export const START = Date.UTC(2025, 0, 1);

export const AV: PublishState = { camera: true, microphone: true, muted: false };
export const MIC: PublishState = { camera: false, microphone: true, muted: false };
export const NONE: PublishState = { camera: false, microphone: false, muted: false };

export interface TestHub {
  readonly hub: RoomHub;
  readonly scheduler: ManualScheduler;
}

export function createHub(options: HubOptions = {}): TestHub {
  const scheduler = new ManualScheduler(START);
  return { hub: new RoomHub({ scheduler, ...options }), scheduler };
}

export interface RoomTarget {
  readonly roomId?: number;
  readonly strRoomId?: string;
  readonly sdkAppId?: number;
}

export interface EnterOptions extends RoomTarget {
  readonly userSig?: string;
  readonly secretKey?: string;
  /** The URL's `appscene`; default videocall. */
  readonly scene?: Scene;
  readonly privateMapKey?: string;
  /** Sent in the enter frame. */
  readonly platform?: EmulatorPlatform;
}

/** A room:// URL signed with the development key (or `secretKey`). */
export function roomUrl(userId: string, options: EnterOptions = {}): string {
  const sdkAppId = options.sdkAppId ?? DEV_SDK_APP_ID;
  const userSig =
    options.userSig ??
    genTestUserSig({
      sdkAppId,
      userId,
      secretKey: options.secretKey ?? DEV_SECRET_KEY,
      now: START,
    });
  const room =
    options.strRoomId !== undefined
      ? { strRoomId: options.strRoomId }
      : { roomId: options.roomId ?? 2024 };
  const extra = {
    ...(options.scene === undefined ? {} : { scene: options.scene }),
    ...(options.privateMapKey === undefined ? {} : { privateMapKey: options.privateMapKey }),
  };
  return buildPusherUrl({ sdkAppId, userId, userSig, ...room, ...extra });
}

export const playerOf = (id: string, mute: Partial<PlayingStream> = {}): PlayingStream => ({
  id,
  src: `room://cloud.tencent.com/rtc?userid=${id.slice(0, id.lastIndexOf('_'))}&streamtype=${id.slice(id.lastIndexOf('_') + 1)}`,
  muteVideo: false,
  muteAudio: false,
  ...mute,
});

/** One client of the hub. */
export class HubClient {
  readonly sink = new RecordingSink();
  readonly connection: ClientConnection;

  constructor(hub: RoomHub) {
    const connection = hub.connect(this.sink);
    if (connection === null) throw new Error('the hub refused the connection');
    this.connection = connection;
  }

  enter(userId: string, publish: PublishState = NONE, options: EnterOptions = {}): this {
    const url = roomUrl(userId, options);
    const { platform } = options;
    return this.send(
      platform === undefined
        ? { type: 'enter', url, publish }
        : { type: 'enter', url, publish, platform },
    );
  }

  publish(publish: PublishState): this {
    return this.send({ type: 'publish', publish });
  }

  play(...ids: string[]): this {
    return this.send({ type: 'play', players: ids.map((id) => playerOf(id)) });
  }

  sei(message: string): this {
    return this.send({ type: 'sei', message });
  }

  exit(): this {
    return this.send({ type: 'exit' });
  }

  send(frame: Parameters<typeof encodeFrame>[0]): this {
    this.connection.receive(encodeFrame(frame));
    return this;
  }
}

export const ROOM = `${DEV_SDK_APP_ID}:2024`;
