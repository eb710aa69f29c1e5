// A recording ClientSink for hub tests, and readers for what it received.
import type { ClientSink } from '../../emulator/emulator-types';
import type { ServerFrame } from '../../src/core/emulator/wire';
import { decodeServerFrame, encodeFrame } from '../../src/core/emulator/wire';

export type Detail = Record<string, unknown>;

export class RecordingSink implements ClientSink {
  readonly frames: ServerFrame[] = [];
  closedWith: { code: number; reason: string } | null = null;
  /** When set, send() throws this after recording the frame. */
  failWith: Error | null = null;

  send(frame: ServerFrame): void {
    // Every frame must survive the wire: encode it and decode it back as a client would.
    const decoded = decodeServerFrame(encodeFrame(frame));
    if (!decoded.ok)
      throw new Error(`the hub sent a frame the client cannot read: ${decoded.problem}`);
    this.frames.push(decoded.frame);
    if (this.failWith) throw this.failWith;
  }

  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }

  /** Forgets what was received so far. */
  clear(): void {
    this.frames.length = 0;
  }

  /** The pusher statechange details, in order. */
  pusherStates(): Detail[] {
    return this.frames.flatMap((f) =>
      f.type === 'pusher' && f.event === 'statechange' ? [f.detail as Detail] : [],
    );
  }

  /** The pusher statechange codes, in order. */
  pusherCodes(): number[] {
    return this.pusherStates().map((d) => d.code as number);
  }

  /** Details of one event of one player (or of every player when `playerId` is undefined). */
  playerDetails(
    event: 'statechange' | 'netstatus' | 'audiovolumenotify',
    playerId?: string,
  ): Detail[] {
    return this.frames.flatMap((f) =>
      f.type === 'player' &&
      f.event === event &&
      (playerId === undefined || f.playerId === playerId)
        ? [f.detail as Detail]
        : [],
    );
  }

  pusherDetails(event: 'netstatus' | 'audiovolumenotify'): Detail[] {
    return this.frames.flatMap((f) =>
      f.type === 'pusher' && f.event === event ? [f.detail as Detail] : [],
    );
  }

  errors(): { code: string; message: string }[] {
    return this.frames.flatMap((f) =>
      f.type === 'error' ? [{ code: f.code, message: f.message }] : [],
    );
  }
}

/** The userlist of a 1031-1034 message. */
export function userlistOf(detail: Detail): Record<string, unknown>[] {
  const parsed: unknown = JSON.parse(String(detail.message));
  return (parsed as { userlist: Record<string, unknown>[] }).userlist;
}

/** A readable form of a pusher statechange: "1031 alice,bob", "1033 alice main on", ... */
export function describe(detail: Detail): string {
  const code = detail.code as number;
  if (code < 1031 || code > 1034) return String(code);
  const entries = userlistOf(detail).map((e) => {
    if (code === 1033)
      return `${String(e.userid)} ${String(e.streamtype)} ${e.hasvideo ? 'on' : 'off'}`;
    if (code === 1034) return `${String(e.userid)} audio ${e.hasaudio ? 'on' : 'off'}`;
    return String(e.userid);
  });
  return `${code} ${entries.join(',')}`;
}
