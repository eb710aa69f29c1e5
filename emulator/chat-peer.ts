// One socket of the Chat signaling relay (`/chat`): its frames read safely, its login, and what
// the relay sends it. Nothing a client sends can throw out of receive().
import type {
  ChatClientFrame,
  ChatServerFrame,
  ChatSignalRequest,
} from '../src/core/emulator/chat-wire';
import { decodeChatClientFrame } from '../src/core/emulator/chat-decode';
import { CHAT_CODES, CHAT_PROTOCOL_VERSION } from '../src/core/emulator/chat-wire';
import { USER_ID_PATTERN } from '../src/core/validate';
import { DEV_SDK_APP_ID } from './dev-key';
import { EMULATOR_NAME } from './events';
import type { LogInput } from './log';
import type { EmulatorLimits } from './emulator-types';

/** What a transport (the WebSocket server, an in-process bot) gives the relay for one socket. */
export interface ChatSink {
  send(frame: ChatServerFrame): void;
  /** Closes the connection (on dispose, or over a limit). */
  close(code: number, reason: string): void;
}

/** The relay's handle on one socket. */
export interface ChatConnection {
  /** A text frame from the client; bad frames get an error frame, never a throw. */
  receive(text: string): void;
  /** The transport closed: the user's socket is gone. */
  closed(): void;
}

/** A Chat user: user ids are per application (SDKAppID). */
export interface ChatUser {
  readonly sdkAppId: number;
  readonly userId: string;
  /** `${sdkAppId}:${userId}`. */
  readonly key: string;
}

export type LoginFrame = Extract<ChatClientFrame, { type: 'login' }>;

export interface ChatPeerHost {
  readonly limits: EmulatorLimits;
  log(input: LogInput): void;
  /** Logs `peer` in (it is sent `logged-in`, then its unread invitations) or refuses. */
  login(peer: ChatPeer, frame: LoginFrame): void;
  /** Runs a logged-in peer's request: `result` or `failed`. */
  signal(peer: ChatPeer, user: ChatUser, request: ChatSignalRequest): ChatServerFrame;
  closed(peer: ChatPeer): void;
}

/**
 * The user a login names, or why it is refused: a user id TRTC takes, an SDKAppID (default the
 * emulator's development one), and a UserSig that verifies (`userSigProblem`, admission.ts's).
 */
export function readLogin(
  frame: LoginFrame,
  userSigProblem: (userSig: string, sdkAppId: number, userId: string) => string | null,
): ChatUser | string {
  const { userId } = frame;
  const sdkAppId = frame.sdkAppId ?? DEV_SDK_APP_ID;
  if (!USER_ID_PATTERN.test(userId)) {
    return `userId must be 1-32 of A-Z a-z 0-9 _ -, got ${JSON.stringify(userId.slice(0, 40))}`;
  }
  if (!Number.isSafeInteger(sdkAppId) || sdkAppId <= 0) {
    return 'sdkAppId must be a positive integer';
  }
  return (
    userSigProblem(frame.userSig, sdkAppId, userId) ?? {
      sdkAppId,
      userId,
      key: `${sdkAppId}:${userId}`,
    }
  );
}

export class ChatPeer {
  /** Null until logged in. */
  user: ChatUser | null = null;
  private isClosed = false;

  constructor(
    readonly id: number,
    private readonly host: ChatPeerHost,
    private readonly sink: ChatSink,
  ) {
    this.send({ type: 'hello', version: CHAT_PROTOCOL_VERSION, emulator: EMULATOR_NAME });
  }

  receive(text: string): void {
    if (this.isClosed) return;
    try {
      this.handle(text);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.host.log({ room: null, userId: this.user?.userId ?? null, kind: 'error', text: why });
      this.send({
        type: 'error',
        code: 'BAD_FRAME',
        message: `could not handle the frame: ${why}`,
      });
    }
  }

  send(frame: ChatServerFrame): void {
    if (this.isClosed) return;
    try {
      this.sink.send(frame);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.host.log({ room: null, userId: this.user?.userId ?? null, kind: 'error', text: why });
    }
  }

  /** The transport closed. */
  closed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.host.closed(this);
  }

  /** The relay closes the socket (it stops, or a limit). */
  close(code: number, reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    try {
      this.sink.close(code, reason);
    } catch {
      // A sink that throws on close is closed enough.
    }
    this.host.closed(this);
  }

  private handle(text: string): void {
    const max = this.host.limits.maxFrameBytes;
    if (typeof text !== 'string' || Buffer.byteLength(text, 'utf8') > max) {
      const message = `a frame must be text of at most ${max} bytes`;
      this.send({ type: 'error', code: 'FRAME_TOO_LARGE', message });
      return;
    }
    const decoded = decodeChatClientFrame(text);
    if (!decoded.ok) {
      const { problem, requestId } = decoded;
      this.send(
        requestId === null
          ? { type: 'error', code: 'BAD_FRAME', message: problem }
          : { type: 'failed', requestId, code: CHAT_CODES.badRequest, message: problem },
      );
      return;
    }
    const frame = decoded.frame;
    if (frame.type === 'login') {
      this.host.login(this, frame);
      return;
    }
    const user = this.user;
    if (user === null) {
      const message = 'not logged in: send login { userId, userSig } first';
      this.send({
        type: 'failed',
        requestId: frame.requestId,
        code: CHAT_CODES.notLoggedIn,
        message,
      });
      return;
    }
    this.send(this.host.signal(this, user, frame));
  }
}
