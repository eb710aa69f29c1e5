// An in-process signaling bus with Chat's rules (docs/calls.md, layer 1: who receives what, the
// invitee-side timeout) and an in-process TRTC room server, for CallClient tests. Time is a
// ManualScheduler shared by everything.
import type { SignalingAction } from '../../src/core/call/call-decode';
import type { CallMediaType, CallRoom } from '../../src/core/call/call-payload';
import type {
  CallRoomPort,
  CallSignaling,
  InviteRequest,
  SignalingMessage,
} from '../../src/core/call/call-ports';
import type { ManualScheduler } from './manual-scheduler';

interface Invitation {
  readonly id: string;
  readonly inviter: string;
  readonly invitees: readonly string[];
  readonly groupId: string;
  readonly data: string;
  readonly answered: Set<string>;
  timers: unknown[];
}

export interface SentMessage {
  readonly by: string;
  readonly action: SignalingAction | 'modify';
  readonly inviteId: string;
  readonly to: readonly string[];
  readonly data: string;
  readonly timeoutS?: number;
}

interface Device {
  readonly name: string;
  readonly listener: (message: SignalingMessage) => void;
}

export class SignalingBus {
  /** Per user, every device listening (a user may be logged in on several). */
  private readonly listeners = new Map<string, Set<Device>>();
  private readonly invitations = new Map<string, Invitation>();
  private count = 0;
  /** Every message sent, in order. */
  readonly sent: SentMessage[] = [];
  /** Users whose messages are not delivered (offline, no push). */
  readonly offline = new Set<string>();

  constructor(private readonly scheduler: ManualScheduler) {}

  /**
   * A user's signaling channel on one of their devices. As Chat syncs a user's own messages, an
   * answer also reaches the answering user's other devices.
   */
  user(userId: string, device = 'phone'): CallSignaling {
    return {
      invite: async (request) => this.invite(userId, request),
      accept: async (id, data) => this.answer(userId, device, 'accept', id, data),
      reject: async (id, data) => this.answer(userId, device, 'reject', id, data),
      cancel: async (id, data) => this.cancel(userId, id, data),
      modify: async (id, data) => this.modify(userId, id, data),
      subscribe: (listener) => {
        const set = this.listeners.get(userId) ?? new Set();
        this.listeners.set(userId, set);
        const entry = { name: device, listener };
        set.add(entry);
        return () => set.delete(entry);
      },
    };
  }

  /** Delivers a message as a foreign client would send it (another SDK, a hand-written one). */
  inject(to: string, message: SignalingMessage): void {
    this.deliver([to], message);
  }

  private invite(inviter: string, request: InviteRequest): string {
    this.count += 1;
    const id = `inv-${this.count}`;
    const invitation: Invitation = {
      id,
      inviter,
      invitees: request.invitees,
      groupId: request.groupId ?? '',
      data: request.data,
      answered: new Set(),
      timers: [],
    };
    this.invitations.set(id, invitation);
    this.sent.push({
      by: inviter,
      action: 'invite',
      inviteId: id,
      to: request.invitees,
      data: request.data,
      timeoutS: request.timeoutS,
    });
    this.deliver(request.invitees, this.message(invitation, 'invite', inviter, request.data));
    if (request.timeoutS > 0) {
      // Chat's timer runs on the invitee: at `timeout` s the unanswered invitee's SDK says so.
      invitation.timers = request.invitees.map((invitee) =>
        this.scheduler.setTimeout(() => {
          if (invitation.answered.has(invitee) || this.offline.has(invitee)) return;
          invitation.answered.add(invitee);
          const timeout = this.message(invitation, 'timeout', invitee, invitation.data);
          this.deliver([invitee, inviter], timeout);
        }, request.timeoutS * 1000),
      );
    }
    return id;
  }

  private answer(
    by: string,
    device: string,
    action: 'accept' | 'reject',
    id: string,
    data: string,
  ): void {
    const invitation = this.invitations.get(id);
    if (invitation === undefined) throw new Error(`no invitation ${id}`);
    invitation.answered.add(by);
    this.sent.push({ by, action, inviteId: id, to: [invitation.inviter], data });
    const others = invitation.groupId === '' ? [] : invitation.invitees;
    const to = [invitation.inviter, ...others].filter((user) => user !== by);
    const message = this.message(invitation, action, by, data);
    this.deliver(to, message);
    this.deliver([by], message, device);
  }

  /** Recorded only: nothing in a call reacts to another device's modification. */
  private modify(by: string, id: string, data: string): void {
    const to = this.invitations.get(id)?.invitees ?? [];
    this.sent.push({ by, action: 'modify', inviteId: id, to, data });
  }

  private cancel(by: string, id: string, data: string): void {
    const invitation = this.invitations.get(id);
    if (invitation === undefined) throw new Error(`no invitation ${id}`);
    for (const timer of invitation.timers) this.scheduler.clearTimeout(timer);
    this.sent.push({ by, action: 'cancel', inviteId: id, to: invitation.invitees, data });
    this.deliver(invitation.invitees, this.message(invitation, 'cancel', by, data));
  }

  private message(
    invitation: Invitation,
    action: SignalingAction,
    from: string,
    data: string,
  ): SignalingMessage {
    return {
      action,
      inviteId: invitation.id,
      inviter: invitation.inviter,
      invitees: invitation.invitees,
      from,
      groupId: invitation.groupId,
      data,
    };
  }

  /** To every device of `to`, except the sending device `exceptDevice`. */
  private deliver(to: readonly string[], message: SignalingMessage, exceptDevice?: string): void {
    for (const userId of to) {
      if (this.offline.has(userId)) continue;
      for (const device of [...(this.listeners.get(userId) ?? [])]) {
        if (device.name !== exceptDevice) device.listener(message);
      }
    }
  }
}

export const roomKey = (room: CallRoom): string =>
  'roomId' in room ? `n:${room.roomId}` : `s:${room.strRoomId}`;

/** TRTC rooms in one process: who is in which room, and what each user's port was asked. */
export class RoomServer {
  private readonly members = new Map<string, Set<string>>();
  private readonly watchers = new Map<string, Set<(userId: string, present: boolean) => void>>();
  private readonly rooms = new Map<string, string>();
  /** Per user: what their port was asked, in order. */
  readonly calls = new Map<string, string[]>();
  /** Users whose next enter() fails. */
  readonly failEnter = new Set<string>();
  private readonly lostWatchers = new Map<string, Set<(message: string) => void>>();

  /** `userId`'s room is lost (kicked, failed): they are out of it, and their port says why. */
  lose(userId: string, message: string): void {
    for (const listener of [...(this.lostWatchers.get(userId) ?? [])]) listener(message);
    this.exitAs(userId);
  }

  user(userId: string): CallRoomPort {
    const record = (what: string) => {
      const list = this.calls.get(userId) ?? [];
      this.calls.set(userId, list);
      list.push(what);
    };
    return {
      enter: async (room: CallRoom, media: CallMediaType) => {
        record(`enter ${roomKey(room)} ${media}`);
        if (this.failEnter.delete(userId)) throw new Error('enter failed (-100018)');
        this.enterAs(userId, roomKey(room));
      },
      exit: async () => {
        record('exit');
        this.exitAs(userId);
      },
      watchUsers: (listener) => this.watchAs(userId, listener),
      dropVideo: () => record('dropVideo'),
      watchLost: (listener) => {
        const set = this.lostWatchers.get(userId) ?? new Set();
        this.lostWatchers.set(userId, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    };
  }

  /** `userId` enters the room `key` ('n:<roomId>' or 's:<strRoomId>'); the others hear it. */
  enterAs(userId: string, key: string): void {
    const members = this.members.get(key) ?? new Set();
    this.members.set(key, members);
    for (const other of members) {
      this.notify(other, userId, true);
      this.notify(userId, other, true);
    }
    members.add(userId);
    this.rooms.set(userId, key);
  }

  exitAs(userId: string): void {
    const key = this.rooms.get(userId);
    if (key === undefined) return;
    this.rooms.delete(userId);
    const members = this.members.get(key);
    members?.delete(userId);
    for (const other of members ?? []) this.notify(other, userId, false);
  }

  /** Hears who enters and leaves `userId`'s rooms (what watchUsers gives a port). */
  watchAs(userId: string, listener: (userId: string, present: boolean) => void): () => void {
    const set = this.watchers.get(userId) ?? new Set();
    this.watchers.set(userId, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  roomOf(userId: string): string | undefined {
    return this.rooms.get(userId);
  }

  private notify(watcher: string, userId: string, present: boolean): void {
    for (const listener of [...(this.watchers.get(watcher) ?? [])]) listener(userId, present);
  }
}
