import type { LogEntry } from './emulator-types';

export type LogInput = Omit<LogEntry, 'seq' | 'at'>;
export type LogListener = (entry: LogEntry) => void;

/** The hub's event log: the newest `max` entries, numbered by a sequence that never repeats. */
export class EventLog {
  private readonly entries: LogEntry[] = [];
  private readonly listeners = new Set<LogListener>();
  private seq = 0;

  constructor(
    private readonly max: number,
    private readonly now: () => number,
  ) {}

  add(input: LogInput): LogEntry {
    const entry: LogEntry = { seq: ++this.seq, at: this.now(), ...input };
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
    for (const listener of [...this.listeners]) {
      try {
        listener(entry);
      } catch {
        // A listener's failure must not stop the hub or the other listeners.
      }
    }
    return entry;
  }

  /** Entries with seq > since (all kept entries by default), oldest first. */
  since(since = 0): LogEntry[] {
    return this.entries.filter((entry) => entry.seq > since);
  }

  listen(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  clearListeners(): void {
    this.listeners.clear();
  }
}
