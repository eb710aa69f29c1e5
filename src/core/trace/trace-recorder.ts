// Records a room's trace in a bounded ring buffer: native events as received, commands and their
// outcome, the room URL with its secrets redacted, page show/hide. Off unless a room asks for it;
// when off, a room holds no recorder at all.
import type { Scheduler } from '../room/adapters';
import { TRACE_SCHEMA, TRACE_VERSION } from './trace-types';
import type {
  TraceEntry,
  TraceExpectation,
  TraceNativeEvent,
  TracePlatform,
  TraceSource,
  TraceV1,
} from './trace-types';

/** Entries kept by default: the newest win. */
export const DEFAULT_TRACE_ENTRIES = 2000;

/** URL parameters that are secrets: their values never enter a trace. */
const SECRET_PARAMS = ['usersig', 'privatemapkey'];

/** The room:// URL with the UserSig and PrivateMapKey values replaced by `redacted`. */
export function redactRoomUrl(url: string): string {
  return url.replace(/([?&])([^=&#]+)=([^&#]*)/g, (whole, sep: string, name: string) =>
    SECRET_PARAMS.indexOf(name.toLowerCase()) >= 0 ? `${sep}${name}=redacted` : whole,
  );
}

export interface TraceRecorderOptions {
  readonly maxEntries?: number;
  readonly scheduler: Scheduler;
}

export class TraceRecorder {
  private readonly entries_: TraceEntry[] = [];
  private dropped_ = 0;
  private readonly startedAt_: number;
  private readonly max_: number;

  constructor(private readonly options_: TraceRecorderOptions) {
    const max = options_.maxEntries ?? DEFAULT_TRACE_ENTRIES;
    this.max_ = Number.isInteger(max) && max > 0 ? max : DEFAULT_TRACE_ENTRIES;
    this.startedAt_ = options_.scheduler.now();
  }

  private t_(): number {
    return this.options_.scheduler.now() - this.startedAt_;
  }

  private push_(entry: TraceEntry): void {
    this.entries_.push(entry);
    if (this.entries_.length > this.max_) {
      this.entries_.shift();
      this.dropped_ += 1;
    }
  }

  native(source: TraceSource, playerId: string | null, event: TraceNativeEvent, detail: unknown) {
    this.push_({ t: this.t_(), kind: 'native', source, playerId, event, detail: copy(detail) });
  }

  enter(url: string): void {
    this.push_({ t: this.t_(), kind: 'enter', url: redactRoomUrl(url) });
  }

  exit(): void {
    this.push_({ t: this.t_(), kind: 'exit' });
  }

  page(event: 'show' | 'hide'): void {
    this.push_({ t: this.t_(), kind: 'page', event });
  }

  /** Records a command once it settles; returns what `run` returns. */
  command<T>(name: string, playerId: string | null, run: () => Promise<T>): Promise<T> {
    const t = this.t_();
    const started = this.options_.scheduler.now();
    const settle = (outcome: 'ok' | 'error', error: string | null) =>
      this.push_({
        t,
        kind: 'command',
        name,
        playerId,
        outcome,
        error,
        ms: this.options_.scheduler.now() - started,
      });
    return run().then(
      (value) => {
        settle('ok', null);
        return value;
      },
      (error: unknown) => {
        settle('error', error instanceof Error ? error.message : String(error));
        throw error;
      },
    );
  }

  /** The trace so far. `recordedAt`: an ISO date (the scheduler's clock by default). */
  toTrace(options: {
    readonly platform: TracePlatform;
    readonly name?: string;
    readonly expect?: TraceExpectation | null;
  }): TraceV1 {
    return {
      schema: TRACE_SCHEMA,
      version: TRACE_VERSION,
      recordedAt: new Date(this.startedAt_).toISOString(),
      name: options.name ?? 'recorded',
      synthetic: false,
      platform: options.platform,
      dropped: this.dropped_,
      entries: [...this.entries_],
      expect: options.expect ?? null,
    };
  }
}

/** A JSON-safe copy: a detail is kept as JSON would carry it (functions and cycles dropped). */
function copy(detail: unknown): unknown {
  if (detail === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(detail)) as unknown;
  } catch {
    return String(detail);
  }
}
