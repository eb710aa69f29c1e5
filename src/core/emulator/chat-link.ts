// A call's signaling channel over the room emulator's Chat relay (`/chat`): what chatSignaling()
// makes of a real Tencent Chat instance, for DevTools and tests without Chat. The same messages
// reach CallClient, with the same `from` rules as chat-signaling.ts.
import type { CallSignaling, InviteRequest, SignalingMessage } from '../call/call-ports';
import { TrtcError, TrtcErrorCode } from '../errors';
import { createLogger } from '../logger';
import type {
  ChatClientFrame,
  ChatServerFrame,
  ChatSignalEnvelope,
  ChatSignalRequest,
} from './chat-wire';
import { decodeChatServerFrame, envelopeToMessage } from './chat-decode';
import { CHAT_PROTOCOL_VERSION, encodeChatFrame } from './chat-wire';
import type { EmulatorSocket, EmulatorSocketFactory } from './socket';
import { attempt } from './socket';
import { utf8Length } from '../store/view-patch-values';
import { MAX_FRAME_BYTES } from './wire';

const log = createLogger('emulator');

export interface EmulatorSignalingOptions {
  /** The relay's endpoint, e.g. `ws://127.0.0.1:8787/chat`. */
  readonly url: string;
  readonly userId: string;
  /** Verified by the emulator as its room admission does (its secret key). */
  readonly userSig: string;
  readonly connect: EmulatorSocketFactory;
  /** The Chat application; default the emulator's development SDKAppID. */
  readonly sdkAppId?: number;
}

/** A CallSignaling logged in to the emulator's relay. */
export interface EmulatorSignaling extends CallSignaling {
  /** Resolves once logged in; rejects (TrtcError) when the login is refused or the socket fails. */
  ready(): Promise<void>;
  /** Closes the socket: pending and later sends reject. */
  close(): void;
}

/** Invitations delivered twice ring once (as chatSignaling does). */
const SEEN_INVITATIONS = 200;

interface Pending {
  readonly command: string;
  resolve(inviteId: string): void;
  reject(error: TrtcError): void;
}

/**
 * Logs in to the emulator's Chat relay as `userId` and returns the call signaling over it. Sends
 * made before the login completes wait for it.
 */
export function emulatorSignaling(options: EmulatorSignalingOptions): EmulatorSignaling {
  return new ChatLink(options).port;
}

class ChatLink {
  readonly port: EmulatorSignaling;
  private socket_: EmulatorSocket | null = null;
  private loggedIn_ = false;
  /** Why the link is unusable (refused, closed); null while it works. */
  private failure_: TrtcError | null = null;
  private readonly queue_: string[] = [];
  private readonly pending_ = new Map<string, Pending>();
  private readonly listeners_ = new Set<(message: SignalingMessage) => void>();
  private readonly seen_: string[] = [];
  private nextRequest_ = 1;
  private readonly ready_: Promise<void>;
  private settleReady_: (error: TrtcError | null) => void = () => {};

  constructor(private readonly options_: EmulatorSignalingOptions) {
    this.ready_ = new Promise<void>((resolve, reject) => {
      this.settleReady_ = (error) => (error === null ? resolve() : reject(error));
    });
    // A caller that never asks for ready() must not see an unhandled rejection.
    this.ready_.catch(() => {});
    const send = (command: string, frame: (requestId: string) => ChatSignalRequest) =>
      this.request_(command, frame);
    this.port = {
      ready: () => this.ready_,
      close: () => this.fail_('app', 'close() was called'),
      invite: (request) => send('invite', (requestId) => inviteFrame(requestId, request)),
      accept: async (inviteId, data) =>
        void (await send('accept', simple('accept', inviteId, data))),
      reject: async (inviteId, data) =>
        void (await send('reject', simple('reject', inviteId, data))),
      cancel: async (inviteId, data) =>
        void (await send('cancel', simple('cancel', inviteId, data))),
      modify: async (inviteId, data) =>
        void (await send('modifyInvitation', simple('modify', inviteId, data))),
      subscribe: (listener) => {
        this.listeners_.add(listener);
        return () => void this.listeners_.delete(listener);
      },
    };
    this.connect_();
  }

  private where_(): string {
    return `the room emulator's Chat relay at ${this.options_.url}`;
  }

  private connect_(): void {
    let socket: EmulatorSocket;
    try {
      socket = this.options_.connect(this.options_.url);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      void Promise.resolve().then(() => this.fail_('socket', `cannot connect: ${why}`));
      return;
    }
    this.socket_ = socket;
    socket.onOpen(() => {
      if (this.socket_ !== socket) return;
      const { userId, userSig, sdkAppId } = this.options_;
      const login: ChatClientFrame =
        sdkAppId === undefined
          ? { type: 'login', userId, userSig }
          : { type: 'login', userId, userSig, sdkAppId };
      attempt(() => socket.send(encodeChatFrame(login)));
    });
    socket.onMessage((data) => {
      if (this.socket_ === socket) this.receive_(data);
    });
    socket.onClose((reason) => {
      if (this.socket_ === socket) this.fail_('socket', reason ? `closed: ${reason}` : 'closed');
    });
    socket.onError((message) => {
      if (this.socket_ === socket) this.fail_('socket', message || 'socket error');
    });
  }

  private request_(
    command: string,
    frame: (requestId: string) => ChatSignalRequest,
  ): Promise<string> {
    if (this.failure_ !== null) {
      return Promise.reject(this.failed_(command, bare(this.failure_)));
    }
    const requestId = `r${this.nextRequest_++}`;
    const text = encodeChatFrame(frame(requestId));
    // The relay counts UTF-8 bytes.
    const bytes = utf8Length(text);
    if (bytes > MAX_FRAME_BYTES) {
      return Promise.reject(
        this.failed_(
          command,
          `the message is ${bytes} bytes; the relay takes at most ${MAX_FRAME_BYTES}`,
        ),
      );
    }
    return new Promise<string>((resolve, reject) => {
      this.pending_.set(requestId, { command, resolve, reject });
      const socket = this.socket_;
      if (this.loggedIn_ && socket !== null) attempt(() => socket.send(text));
      else this.queue_.push(text);
    });
  }

  /** A send that failed: `why` is `code N: ...` (as chatSignaling says it) or the link's failure. */
  /** Fails the request waiting longest (a refusal the relay could not address to one). */
  private failOldest_(why: string): void {
    const oldest = this.pending_.entries().next();
    if (oldest.done === true) return;
    const [requestId, request] = oldest.value;
    this.pending_.delete(requestId);
    request.reject(this.failed_(request.command, `the relay refused it: ${why}`));
  }

  private failed_(command: string, why: string): TrtcError {
    return new TrtcError(TrtcErrorCode.NativeCallFailed, `Chat ${command} failed (${why})`);
  }

  /**
   * The link cannot go on: every waiting send fails, and so will later ones. `by`: the app closed
   * it, the socket failed or closed, or the relay refused the login.
   */
  private fail_(by: 'app' | 'socket' | 'refused', why: string): void {
    if (this.failure_ !== null) return;
    const where = this.where_();
    let message: string;
    if (by === 'app') message = `the signaling of ${where} was closed (${why})`;
    else if (by === 'refused') message = `${where} ${why}`;
    else if (this.loggedIn_) {
      message = `lost ${where} (${why}); create a new emulatorSignaling to log in again`;
    } else {
      message =
        `could not reach ${where} (${why}); is the emulator running ` +
        '(npm start, or npx trtc-room-emulator)?';
    }
    this.failure_ = new TrtcError(TrtcErrorCode.NativeCallFailed, message);
    if (by !== 'app') log.warn(message);
    this.shutDown_();
  }

  private shutDown_(): void {
    const failure = this.failure_;
    if (failure === null) return;
    const socket = this.socket_;
    this.socket_ = null;
    this.queue_.length = 0;
    if (socket !== null) attempt(() => socket.close());
    this.settleReady_(failure);
    const pending = [...this.pending_.values()];
    this.pending_.clear();
    const why = bare(failure);
    for (const request of pending) request.reject(this.failed_(request.command, why));
  }

  private receive_(data: unknown): void {
    const decoded = decodeChatServerFrame(data);
    if (!decoded.ok) {
      log.warn(`ignored a bad frame from ${this.where_()}: ${decoded.problem}`);
      return;
    }
    this.route_(decoded.frame);
  }

  private route_(frame: ChatServerFrame): void {
    switch (frame.type) {
      case 'hello':
        if (frame.version !== CHAT_PROTOCOL_VERSION) {
          log.warn(
            `${frame.emulator}'s Chat relay speaks ${frame.version}, not ${CHAT_PROTOCOL_VERSION}`,
          );
        }
        return;
      case 'logged-in': {
        this.loggedIn_ = true;
        this.settleReady_(null);
        const socket = this.socket_;
        for (const text of this.queue_.splice(0)) if (socket) attempt(() => socket.send(text));
        return;
      }
      case 'result':
      case 'failed': {
        const request = this.pending_.get(frame.requestId);
        if (request === undefined) return;
        this.pending_.delete(frame.requestId);
        if (frame.type === 'result') request.resolve(frame.inviteId);
        else request.reject(this.failed_(request.command, `code ${frame.code}: ${frame.message}`));
        return;
      }
      case 'signal':
        return this.deliver_(frame.envelope);
      case 'modified':
        // CallSignaling has no event for it: another device's mark only matters to a replay.
        return;
      case 'error':
        if (!this.loggedIn_ && frame.code === 'LOGIN_REFUSED') {
          this.fail_(
            'refused',
            `refused the login as ${this.options_.userId}: ${frame.message}; sign the UserSig ` +
              "with the emulator's secret key (DEV_SECRET_KEY unless it was started with " +
              '--secret-key) for this user and SDKAppID',
          );
        } else if (!this.loggedIn_ && frame.code === 'LIMIT') {
          this.fail_('refused', `is full: ${frame.message}`);
        } else if (frame.code === 'FRAME_TOO_LARGE' || frame.code === 'BAD_FRAME') {
          // The relay could not read the request to name it: the oldest one waiting is the one.
          this.failOldest_(`${frame.code}: ${frame.message}`);
        } else log.warn(`${this.where_()} refused a frame: ${frame.code}: ${frame.message}`);
        return;
    }
  }

  private deliver_(envelope: ChatSignalEnvelope): void {
    const message = envelopeToMessage(envelope, this.options_.userId);
    if (message === null) return;
    if (message.action === 'invite') {
      if (this.seen_.indexOf(message.inviteId) >= 0) return;
      this.seen_.push(message.inviteId);
      if (this.seen_.length > SEEN_INVITATIONS) this.seen_.shift();
    }
    for (const listener of [...this.listeners_]) {
      try {
        listener(message);
      } catch (error) {
        log.warn('a signaling listener threw', error);
      }
    }
  }
}

function inviteFrame(requestId: string, request: InviteRequest): ChatSignalRequest {
  return {
    type: 'signal',
    requestId,
    action: 'invite',
    invitees: request.invitees,
    ...(request.groupId === null ? {} : { groupId: request.groupId }),
    data: request.data,
    timeout: request.timeoutS,
  };
}

/** A TrtcError's message without its `[trtc-room] ` prefix, to quote it in another. */
const bare = (error: TrtcError): string => error.message.replace(/^\[trtc-room\] /, '');

const simple =
  (action: 'accept' | 'reject' | 'cancel' | 'modify', inviteId: string, data: string) =>
  (requestId: string): ChatSignalRequest => ({ type: 'signal', requestId, action, inviteId, data });
