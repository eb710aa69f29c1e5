// Tencent Chat instances with signaling, as docs/calls.md ("The Chat SDK") describes them: what
// invite/accept/reject/cancel resolve with, the events and their `data`, login state. Written for
// our tests from those facts; one network delivers between instances. No timers: the call
// client's own timers are under test, and timeout events are injected.
import type {
  ChatSignalingEventData,
  ChatSignalingHandler,
  ChatSignalingResult,
  ChatWithSignaling,
} from '../../src/core/call/chat-signaling';

export interface Stored {
  readonly inviteID: string;
  readonly inviter: string;
  readonly groupID: string;
  readonly inviteeList: readonly string[];
  readonly data: string;
}

const ACTION_TYPES: Readonly<Record<string, number>> = {
  invite: 1,
  inviteInGroup: 1,
  cancel: 2,
  accept: 3,
  reject: 4,
};

export interface ChatCall {
  readonly method: string;
  readonly options: Readonly<Record<string, unknown>>;
}

export class ChatNetwork {
  private readonly users = new Map<string, FakeChat>();
  /** Each invitation's timeout in seconds (its event carries none). */
  readonly timeouts = new Map<string, number>();
  private count = 0;

  chat(userId: string, options: { lite?: boolean } = {}): FakeChat {
    const chat = new FakeChat(this, userId, options.lite === true);
    this.register(userId, chat);
    return chat;
  }

  /** `chat` receives what is sent to `userId` (a Chat instance that logged in as them). */
  register(userId: string, chat: FakeChat): void {
    this.users.set(userId, chat);
  }

  nextId(): string {
    this.count += 1;
    return `uuid-${this.count}`;
  }

  /** `latencyMs` > 0: messages arrive that much later, as over a network (else at once). */
  constructor(private readonly latencyMs = 0) {}

  deliver(to: readonly string[], name: string, data: ChatSignalingEventData): void {
    const now = () => {
      for (const userId of to) this.users.get(userId)?.emit(name, data);
    };
    if (this.latencyMs > 0) setTimeout(now, this.latencyMs);
    else now();
  }
}

export class FakeChat implements ChatWithSignaling {
  loggedIn = true;
  /** Every signaling method called, with its options. */
  readonly calls: ChatCall[] = [];
  /** The next send fails with this code (the SDK's rejection shape). */
  failNext: number | null = null;
  private readonly handlers = new Map<string, Set<ChatSignalingHandler>>();
  protected readonly held = new Map<string, Stored>();
  inviteInGroup?: ChatWithSignaling['inviteInGroup'];

  constructor(
    protected readonly network: ChatNetwork,
    public userId: string,
    lite: boolean,
  ) {
    // lite-chat has no inviteInGroup; it rings a group through invite with a groupID.
    if (!lite) {
      this.inviteInGroup = async (options) =>
        this.send('inviteInGroup', options, () =>
          this.ring(options.groupID, options.inviteeList, options.data ?? ''),
        );
    }
  }

  isReady(): boolean {
    return this.loggedIn;
  }

  getLoginUser(): string {
    return this.loggedIn ? this.userId : '';
  }

  async invite(options: Parameters<ChatWithSignaling['invite']>[0]): Promise<ChatSignalingResult> {
    const result = await this.send('invite', options, () =>
      options.groupID
        ? this.ring(options.groupID, options.inviteeList ?? [], options.data ?? '')
        : this.ring('', [options.userID], options.data ?? ''),
    );
    if (result.inviteID !== undefined)
      this.network.timeouts.set(result.inviteID, options.timeout ?? 0);
    return result;
  }

  async accept(options: { inviteID: string; data?: string }): Promise<ChatSignalingResult> {
    return this.send('accept', options, () => this.answer('ts_invitee_accepted', options));
  }

  async reject(options: { inviteID: string; data?: string }): Promise<ChatSignalingResult> {
    return this.send('reject', options, () => this.answer('ts_invitee_rejected', options));
  }

  async cancel(options: { inviteID: string; data?: string }): Promise<ChatSignalingResult> {
    return this.send('cancel', options, () => {
      const stored = this.hold(options.inviteID);
      this.network.deliver(stored.inviteeList, 'ts_invitation_cancelled', {
        inviteID: stored.inviteID,
        inviter: stored.inviter,
        groupID: stored.groupID,
        data: options.data ?? '',
      });
      return stored.inviteID;
    });
  }

  /** Replaces the invitation's data for everyone it reaches (they hear ts_invitation_modified). */
  async modifyInvitation(options: {
    inviteID: string;
    data: string;
  }): Promise<ChatSignalingResult> {
    return this.send('modifyInvitation', options, () => {
      const stored = this.hold(options.inviteID);
      this.held.set(stored.inviteID, { ...stored, data: options.data });
      const to = [stored.inviter, ...stored.inviteeList].filter((user) => user !== this.userId);
      this.network.deliver(to, 'ts_invitation_modified', {
        inviteID: stored.inviteID,
        data: options.data,
      });
      return stored.inviteID;
    });
  }

  addSignalingListener(name: string, handler: ChatSignalingHandler): void {
    const set = this.handlers.get(name) ?? new Set();
    this.handlers.set(name, set);
    set.add(handler);
  }

  removeSignalingListener(name: string, handler: ChatSignalingHandler): void {
    this.handlers.get(name)?.delete(handler);
  }

  listenerCount(): number {
    return [...this.handlers.values()].reduce((sum, set) => sum + set.size, 0);
  }

  emit(name: string, data: ChatSignalingEventData): void {
    if (name === 'newInvitationReceived' && typeof data.inviteID === 'string') {
      this.held.set(data.inviteID, {
        inviteID: data.inviteID,
        inviter: String(data.inviter),
        groupID: String(data.groupID ?? ''),
        inviteeList: Array.isArray(data.inviteeList) ? data.inviteeList : [],
        data: String(data.data ?? ''),
      });
    }
    for (const handler of [...(this.handlers.get(name) ?? [])]) handler({ name, data });
  }

  private async send(
    method: string,
    options: object,
    run: () => string,
  ): Promise<ChatSignalingResult> {
    this.calls.push({ method, options: { ...options } });
    if (!this.loggedIn) throw Object.assign(new Error(''), { code: 2024, data: {} });
    if (this.failNext !== null) {
      const code = this.failNext;
      this.failNext = null;
      throw Object.assign(new Error(''), { code, data: { message: '' } });
    }
    const inviteID = run();
    // The SDK's result: the signaling message it sent, and the invitation's id at the top level.
    const stored = this.held.get(inviteID);
    const payload = { businessID: 1, ...stored, actionType: ACTION_TYPES[method] ?? 0 };
    const message = { type: 'TIMCustomElem', payload: { data: JSON.stringify(payload) } };
    return { code: 0, data: { message }, inviteID } as ChatSignalingResult;
  }

  protected ring(groupID: string, inviteeList: readonly string[], data: string): string {
    const inviteID = this.network.nextId();
    const stored = { inviteID, inviter: this.userId, groupID, inviteeList, data };
    this.held.set(inviteID, stored);
    this.network.deliver(inviteeList, 'newInvitationReceived', { ...stored });
    return inviteID;
  }

  private answer(name: string, options: { inviteID: string; data?: string }): string {
    const stored = this.hold(options.inviteID);
    const to = [stored.inviter, ...(stored.groupID === '' ? [] : stored.inviteeList)].filter(
      (user) => user !== this.userId,
    );
    this.network.deliver(to, name, {
      inviteID: stored.inviteID,
      inviter: stored.inviter,
      groupID: stored.groupID,
      data: options.data ?? '',
      invitee: this.userId,
    });
    return stored.inviteID;
  }

  private hold(inviteID: string): Stored {
    const stored = this.held.get(inviteID);
    // The SDK's own rule: only an invitation this instance sent or received (code 8010).
    if (stored === undefined) throw Object.assign(new Error(''), { code: 8010, data: {} });
    return stored;
  }
}
