// GET /api/events: the hub's log as Server-Sent Events, one `log` event per entry (id = seq, so a
// reconnecting EventSource resumes after the last entry it saw through Last-Event-ID).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoomHub } from './hub';
import type { LogEntry } from './emulator-types';

const KEEPALIVE_MS = 15_000;
/** A reader this far behind is dropped; its EventSource reconnects and resumes. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export class LogStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly hub: RoomHub,
    private readonly maxStreams: number,
  ) {}

  get size(): number {
    return this.open.size;
  }

  /** False when too many streams are open (the caller answers 429). */
  start(req: IncomingMessage, res: ServerResponse, since: number | null): boolean {
    if (this.open.size >= this.maxStreams) return false;
    const lastEventId = Number(req.headers['last-event-id']);
    const from = Number.isSafeInteger(lastEventId) && lastEventId >= 0 ? lastEventId : since;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    res.write('retry: 1000\n\n');
    this.open.add(res);

    let lastSeq = -1;
    const write = (entry: LogEntry) => {
      if (entry.seq <= lastSeq || res.writableEnded || res.destroyed) return;
      lastSeq = entry.seq;
      res.write(`id: ${entry.seq}\nevent: log\ndata: ${JSON.stringify(entry)}\n\n`);
      if (res.writableLength > MAX_BUFFERED_BYTES) res.end();
    };
    // Replay and subscription in one turn: no entry can fall between them.
    if (from !== null) for (const entry of this.hub.log(from)) write(entry);
    const unsubscribe = this.hub.onLog(write);
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    keepalive.unref();
    res.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
      this.open.delete(res);
    });
    return true;
  }

  closeAll(): void {
    for (const res of this.open) res.end();
  }
}
