// The hub's rooms: opening them within the limits, dropping them when empty, and the
// netstatus/volume tick that runs while any room has someone in it.
import type { Scheduler } from '../src/core/room/adapters';
import { Bot } from './bots';
import { notFound } from './errors';
import type { LogInput } from './log';
import { Room } from './room';
import { roomKeyOf } from './room-key';
import type { EmulatorLimits, RoomKey, RoomRef } from './emulator-types';

export class Rooms {
  private readonly map = new Map<RoomKey, Room>();
  private tickTimer: unknown = null;
  private nextBotId = 1;
  private stopped = false;

  constructor(
    private readonly limits: EmulatorLimits,
    private readonly scheduler: Scheduler,
    private readonly tickMs: number,
    private readonly log: (input: LogInput) => void,
  ) {}

  get(key: RoomKey): Room | undefined {
    return this.map.get(key);
  }

  list(): Room[] {
    return [...this.map.values()];
  }

  /** The room `ref` names, opened when needed; a string says why it cannot be. */
  open(ref: RoomRef, scene: string): Room | string {
    const key = roomKeyOf(ref);
    const existing = this.map.get(key);
    if (existing !== undefined) return existing;
    if (this.map.size >= this.limits.maxRooms) {
      return `the emulator has reached its limit of ${this.limits.maxRooms} rooms`;
    }
    const room = new Room(ref, key, scene);
    this.map.set(key, room);
    this.log({ room: key, userId: null, kind: 'room', text: `room ${key} opened` });
    return room;
  }

  /** Why `room` cannot take one more participant, or null. */
  fullness(room: Room): string | null {
    const max = this.limits.maxParticipantsPerRoom;
    return room.size >= max ? `room ${room.key} is full (${max} participants)` : null;
  }

  /** Someone joined `room`: make sure the tick runs. */
  joined(): void {
    if (this.tickTimer !== null || this.stopped) return;
    this.tickTimer = this.scheduler.setTimeout(() => this.tick(), this.tickMs);
  }

  /** Drops `room` once empty; stops the tick when no room is left. */
  settle(room: Room): void {
    if (room.size === 0 && this.map.get(room.key) === room) {
      this.map.delete(room.key);
      this.log({ room: room.key, userId: null, kind: 'room', text: `room ${room.key} closed` });
    }
    if (this.map.size === 0) this.stopTicks();
  }

  bot(key: RoomKey, userId: string): Bot {
    const member = this.map.get(key)?.get(userId);
    if (member instanceof Bot) return member;
    throw notFound(
      member
        ? `${userId} in room ${key} is a client, not a bot`
        : `no bot ${userId} in room ${key}`,
    );
  }

  botCount(): number {
    return this.list().reduce((sum, room) => sum + room.count('bot'), 0);
  }

  freeBotId(room: Room | undefined): string {
    for (;;) {
      const id = `bot_${this.nextBotId++}`;
      if (!room?.get(id)) return id;
    }
  }

  /** Stops the tick for good and forgets every room (bots' timers included). */
  dispose(): void {
    this.stopped = true;
    this.stopTicks();
    for (const room of this.map.values()) {
      for (const member of room.list()) if (member instanceof Bot) member.dispose();
    }
    this.map.clear();
  }

  private stopTicks(): void {
    if (this.tickTimer !== null) this.scheduler.clearTimeout(this.tickTimer);
    this.tickTimer = null;
  }

  private tick(): void {
    this.tickTimer = null;
    const members = this.list().flatMap((room) => room.list());
    for (const member of members) member.sample();
    for (const member of members) member.tick();
    if (this.map.size > 0) this.joined();
  }
}
