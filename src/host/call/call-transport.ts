// Which signaling channel a call manager uses, decided like a room's transport (emulator-mode.ts):
//   a `signaling` port given         that port (tests, other transports)
//   emulator ''    in DevTools       the local room emulator's Chat relay when it answers, else
//                                    the app's Chat instance; elsewhere, the Chat instance
//   emulator 'ws://host:port[/path]' that emulator's relay (at /chat)
//   emulator 'off'                   the Chat instance
import type { CallSignaling } from '../../core/call/call-ports';
import { chatSignaling } from '../../core/call/chat-signaling';
import type { ChatWithSignaling } from '../../core/call/chat-signaling';
import { deferredSignaling } from '../../core/call/deferred-signaling';
import { TrtcError, TrtcErrorCode } from '../../core/errors';
import { EMULATOR_ROOM_PATH } from '../../core/emulator/wire';
import { loadEmulatorClient } from '../../core/lazy-modules';
import { createLogger } from '../../core/logger';
import { isDevTools } from '../detect-host';
import { parseEmulatorSetting, resolveEmulatorUrl } from '../emulator-mode';
import { hostSocketFactory } from '../emulator-socket';
import type { HostApi } from '../host-api';

const log = createLogger('call');

export interface CallTransportOptions {
  readonly userId: string;
  /** The UserSig the Chat instance logged in with (the emulator checks it; '' asks it to sign). */
  readonly userSig?: string;
  readonly sdkAppId?: number;
  /** The app's logged-in Chat instance (@tencentcloud/chat 3.x, or lite-chat with signaling). */
  readonly chat?: ChatWithSignaling;
  readonly signaling?: CallSignaling;
  /** As <trtc-room emulator>: '' (DevTools: the local emulator when it answers), a URL, 'off'. */
  readonly emulator?: string;
}

function needChat(why: string): TrtcError {
  return new TrtcError(
    TrtcErrorCode.InvalidParameter,
    `${why}: pass your logged-in Chat instance as \`chat\` ` +
      '(@tencentcloud/chat 3.x, or @tencentcloud/lite-chat with its signaling plugin)',
    { field: 'chat' },
  );
}

const chatOf = (options: CallTransportOptions, why: string): CallSignaling => {
  if (options.chat === undefined) throw needChat(why);
  return chatSignaling(options.chat, options.userId);
};

/** The emulator's Chat relay next to its room endpoint (`ws://h:p/room` → `ws://h:p/chat`). */
export function chatRelayUrl(roomUrl: string, chatPath: string): string {
  const [base = roomUrl, query] = roomUrl.split('?');
  const root = base.endsWith(EMULATOR_ROOM_PATH) ? base.slice(0, -EMULATOR_ROOM_PATH.length) : base;
  return `${root}${chatPath}${query === undefined ? '' : `?${query}`}`;
}

async function viaEmulator(
  api: HostApi,
  options: CallTransportOptions,
  roomUrl: string,
  closers: (() => void)[],
  stillWanted: () => void,
): Promise<CallSignaling> {
  const connect = hostSocketFactory(api);
  if (connect === undefined) throw needChat('this host has no connectSocket for the emulator');
  const client = loadEmulatorClient();
  let { userSig = '', sdkAppId = 0 } = options;
  if (userSig === '') {
    const signed = await client.requestDevUserSig(connect, roomUrl, {
      userId: options.userId,
      sdkAppId: sdkAppId === 0 ? null : sdkAppId,
    });
    ({ userSig, sdkAppId } = signed);
    stillWanted();
  }
  const url = chatRelayUrl(roomUrl, client.EMULATOR_CHAT_PATH);
  const signaling = client.emulatorSignaling({
    url,
    userId: options.userId,
    userSig,
    connect,
    ...(sdkAppId === 0 ? {} : { sdkAppId }),
  });
  closers.push(() => signaling.close());
  await signaling.ready();
  stillWanted();
  log.info(`calls go through the room emulator's Chat relay at ${url}`);
  return signaling;
}

export interface CallTransport {
  readonly signaling: CallSignaling;
  /** Closes what the transport opened (the emulator's socket); the app's Chat stays as it is. */
  close(): void;
}

/** The signaling channel for `options`; throws INVALID_PARAMETER when there is none to use. */
export function callSignalingFor(api: HostApi, options: CallTransportOptions): CallTransport {
  const keep = (signaling: CallSignaling): CallTransport => ({ signaling, close: () => {} });
  if (options.signaling !== undefined) return keep(options.signaling);
  const setting = parseEmulatorSetting(options.emulator ?? '');
  if (setting.kind === 'off' || (setting.kind === 'auto' && !isDevTools(api))) {
    return keep(chatOf(options, 'no signaling channel'));
  }
  if (setting.kind === 'auto' && options.chat !== undefined) {
    // Checked now, so a Chat instance without signaling fails where the app passed it.
    chatSignaling(options.chat, options.userId);
  }
  const closers: (() => void)[] = [];
  let closed = false;
  const stillWanted = () => {
    if (!closed) return;
    for (const close of closers.splice(0)) close();
    throw new TrtcError(TrtcErrorCode.InvalidState, 'the call manager was destroyed');
  };
  const signaling = deferredSignaling(
    resolveEmulatorUrl(api, options.emulator ?? '').then((url) => {
      stillWanted();
      if (url === null) return chatOf(options, 'no room emulator answered in DevTools');
      return viaEmulator(api, options, url, closers, stillWanted);
    }),
  );
  return {
    signaling,
    close: () => {
      closed = true;
      signaling.dispose();
      for (const close of closers.splice(0)) close();
    },
  };
}
