// The Chat SDK the official call engine gets (its `@tencentcloud/chat` import): our FakeChat on a
// shared network, plus what the engine calls besides signaling (login, ready events, profiles,
// the commercial-ability check) and the clients' invitation timers (docs/calls.md: the invitee's
// at `timeout` s, the inviter's at `timeout + 5` s; the side whose timer fires sends the notice).
// The constants are the real package's.
import { createRequire } from 'node:module';
import type { ChatSignalingEventData } from '../../../src/core/call/chat-signaling';
import type { ChatNetwork } from '../fake-chat';
import { FakeChat } from '../fake-chat';

interface ChatConstants {
  readonly EVENT: Record<string, string>;
  readonly TYPES: Record<string, unknown>;
  readonly TSignaling: Record<string, string | number>;
  readonly VERSION: string;
}

const load = createRequire(__filename);
const realChat = load('@tencentcloud/chat') as { default?: ChatConstants } & ChatConstants;
export const CHAT = realChat.default ?? realChat;

type Handler = (event: unknown) => void;

/**
 * A Chat class bound to `network`, as `TencentCloudChat` (create, EVENT, TSignaling...); every
 * instance the engine creates is added to `created` (their `calls` are what it sent).
 */
export function engineChatClass(network: ChatNetwork, created: FakeChat[] = []): object {
  class EngineChat extends FakeChat {
    static readonly EVENT = CHAT.EVENT;
    static readonly TYPES = CHAT.TYPES;
    static readonly TSignaling = CHAT.TSignaling;
    static readonly VERSION = CHAT.VERSION;
    private readonly events = new Map<string, Set<Handler>>();
    private readonly timers = new Set<ReturnType<typeof setTimeout>>();
    /** Invitations answered, cancelled or timed out, as this instance knows. */
    private readonly settled = new Set<string>();

    static create(): EngineChat {
      const chat = new EngineChat();
      created.push(chat);
      return chat;
    }

    constructor() {
      super(network, '', false);
      this.loggedIn = false;
    }

    on(name: string, handler: Handler, context?: unknown): void {
      const set = this.events.get(name) ?? new Set();
      this.events.set(name, set);
      set.add(context === undefined ? handler : handler.bind(context));
    }

    off(): void {}

    async login({ userID }: { userID: string; userSig: string }) {
      this.userId = userID;
      this.loggedIn = true;
      network.register(userID, this);
      const ready = CHAT.EVENT['SDK_READY'] ?? 'sdkStateReady';
      this.later(5, () => {
        for (const handler of this.events.get(ready) ?? []) handler({ name: ready });
      });
      return { code: 0, data: { repeatLogin: false } };
    }

    async logout() {
      this.loggedIn = false;
      for (const timer of this.timers) clearTimeout(timer);
      return { code: 0 };
    }

    async destroy() {
      return this.logout();
    }

    /** The official caller refuses to call unless the paid call package is on (-1001). */
    async callExperimentalAPI(key: string) {
      if (key === 'isCommercialAbilityEnabled') return { code: 0, data: { enabled: true } };
      return { code: 0, data: key === 'getServerConfig' ? '' : {} };
    }

    async getUserProfile({ userIDList = [] }: { userIDList?: string[] }) {
      return { code: 0, data: userIDList.map((userID) => ({ userID, nick: userID, avatar: '' })) };
    }

    async getUserStatus({ userIDList = [] }: { userIDList?: string[] }) {
      const successUserList = userIDList.map((userID) => ({ userID, statusType: 1 }));
      return { code: 0, data: { successUserList } };
    }

    async setSelfStatus() {
      return { code: 0, data: {} };
    }

    async updateMyProfile() {
      return { code: 0, data: {} };
    }

    async sendMessage(message: unknown) {
      return { code: 0, data: { message } };
    }

    createCustomMessage(options: object) {
      return { type: 'TIMCustomElem', ...options };
    }

    createTextMessage(options: object) {
      return { type: 'TIMTextElem', ...options };
    }

    override async invite(options: Parameters<FakeChat['invite']>[0]) {
      const result = await super.invite(options);
      const id = result.inviteID ?? '';
      const timeout = options.timeout ?? 0;
      const invitees = options.groupID ? (options.inviteeList ?? []) : [options.userID];
      if (timeout > 0) this.timeoutAfter(id, timeout + 5, invitees, true);
      return result;
    }

    override async accept(options: { inviteID: string; data?: string }) {
      this.settled.add(options.inviteID);
      return super.accept(options);
    }

    override async reject(options: { inviteID: string; data?: string }) {
      this.settled.add(options.inviteID);
      return super.reject(options);
    }

    override emit(name: string, data: ChatSignalingEventData): void {
      const id = String(data.inviteID);
      if (name !== 'newInvitationReceived') this.settled.add(id);
      super.emit(name, data);
      const timeout = network.timeouts.get(id) ?? 0;
      if (name === 'newInvitationReceived' && timeout > 0 && data.inviter !== this.userId) {
        this.timeoutAfter(id, timeout, [this.userId], false);
      }
    }

    /** The notice goes to the other side; this side hears its own timeout only once sent. */
    private timeoutAfter(id: string, seconds: number, list: readonly string[], inviter: boolean) {
      this.later(seconds * 1000, () => {
        const stored = this.held.get(id);
        if (stored === undefined || this.settled.has(id) || !this.loggedIn) return;
        this.settled.add(id);
        const notice = { ...stored, inviteeList: list };
        network.deliver(inviter ? list : [stored.inviter], 'ts_invitation_timeout', {
          ...notice,
          isSelfTimeout: false,
        });
        this.emitOwn('ts_invitation_timeout', { ...notice, isSelfTimeout: true });
      });
    }

    private emitOwn(name: string, data: ChatSignalingEventData): void {
      super.emit(name, data);
    }

    private later(ms: number, run: () => void): void {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        run();
      }, ms);
      this.timers.add(timer);
    }
  }
  return EngineChat;
}
