// Traces received from phones (POST /api/traces, docs/emulator.md "Traces"): kept in memory, at
// most `maxTraces` of them (more is refused with LIMIT until some are deleted), each as its JSON
// text was checked by readTrace.
import { readTrace } from '../src/core/trace/trace-read';
import type { TraceV1 } from '../src/core/trace/trace-types';
import { badRequest, notFound, overLimit } from './errors';

/** What GET /api/traces lists of one trace. */
export interface TraceSummary {
  readonly id: string;
  readonly name: string;
  readonly platform: TraceV1['platform'];
  readonly synthetic: boolean;
  readonly entries: number;
  readonly dropped: number;
  /** ms since the epoch. */
  readonly receivedAt: number;
}

interface Stored {
  readonly summary: TraceSummary;
  readonly trace: TraceV1;
}

/** A trace's name as a file name: letters, digits, `.`, `_` and `-`, at most 80 characters. */
export function traceFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return `${safe.slice(0, 80) || 'trace'}.json`;
}

export class TraceStore {
  private readonly traces = new Map<string, Stored>();
  private nextId = 1;

  constructor(
    private readonly maxTraces: number,
    private readonly now: () => number,
  ) {}

  /** Checks `body` with readTrace and keeps it; throws BAD_REQUEST or LIMIT. */
  add(body: unknown): TraceSummary {
    const read = readTrace(body);
    if (!read.ok) throw badRequest(`not a trace: ${read.problem}`);
    if (this.traces.size >= this.maxTraces) {
      throw overLimit(
        `the emulator keeps at most ${this.maxTraces} traces: delete some (DELETE /api/traces/<id>)`,
      );
    }
    const { trace } = read;
    const id = `t${this.nextId++}`;
    const summary: TraceSummary = {
      id,
      name: typeof trace.name === 'string' && trace.name !== '' ? trace.name : id,
      platform: trace.platform,
      synthetic: trace.synthetic === true,
      entries: trace.entries.length,
      dropped: typeof trace.dropped === 'number' ? trace.dropped : 0,
      receivedAt: this.now(),
    };
    this.traces.set(id, { summary, trace });
    return summary;
  }

  /** Newest first. */
  list(): TraceSummary[] {
    return [...this.traces.values()].map((stored) => stored.summary).reverse();
  }

  get(id: string): { summary: TraceSummary; trace: TraceV1 } {
    const stored = this.traces.get(id);
    if (stored === undefined) throw notFound(`no trace ${id}`);
    return stored;
  }

  remove(id: string): void {
    if (!this.traces.delete(id)) throw notFound(`no trace ${id}`);
  }
}
