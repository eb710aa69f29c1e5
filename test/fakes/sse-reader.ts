// Reads the emulator's Server-Sent Events log (/api/events) until a condition holds.
import http from 'node:http';
import type { LogEntry } from '../../emulator/index';

export interface ReadEventsOptions {
  /** Sent as Last-Event-ID, as a reconnecting EventSource does. */
  readonly lastEventId?: number;
  /** Called once the stream is open (e.g. to cause the entries the test waits for). */
  readonly onOpen?: () => void;
  /** Stop reading once this holds for the entries so far. */
  readonly until: (entries: readonly LogEntry[]) => boolean;
}

/** The `log` events of one stream, in order, up to the first point where `until` holds. */
export function readEvents(url: string, options: ReadEventsOptions): Promise<LogEntry[]> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (options.lastEventId !== undefined) headers['last-event-id'] = String(options.lastEventId);
    const req = http.get(url, { headers }, (res) => {
      if (res.statusCode !== 200 || !/text\/event-stream/.test(res.headers['content-type'] ?? '')) {
        reject(new Error(`not an event stream: ${res.statusCode} ${res.headers['content-type']}`));
        res.resume();
        return;
      }
      const entries: LogEntry[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const data = lines.find((line) => line.startsWith('data: '));
          if (lines.includes('event: log') && data) {
            const entry = JSON.parse(data.slice(6)) as LogEntry;
            const id = lines.find((line) => line.startsWith('id: '));
            if (id !== `id: ${entry.seq}`) reject(new Error(`event id ${id} for seq ${entry.seq}`));
            entries.push(entry);
          }
          end = buffer.indexOf('\n\n');
        }
        if (options.until(entries)) {
          req.destroy();
          resolve(entries);
        }
      });
      options.onOpen?.();
    });
    req.on('error', (error) => reject(error));
  });
}
