import fs from 'node:fs';
import path from 'node:path';
import { readTrace, replayTrace } from '../src/core/trace';
import type { TraceV1 } from '../src/core/trace';
import { createHarness } from './fakes/room-harness';
import { checkClient } from './fakes/room-fuzz/client-checks';
import type { RunConfig } from './fakes/room-fuzz/config';
import { Mirror } from './fakes/room-fuzz/mirror';

// Every trace in test/traces/ (docs/traces.md): read with the schema check, replayed into a
// client entry by entry with the room invariants of the fuzzer checked after each, and the room
// it ends in compared with the trace's own `expect`. Synthetic traces (written from the documented
// shapes) start the corpus; a trace recorded on a phone is dropped in beside them.
const DIR = path.join(__dirname, 'traces');
/** The fuzzer's mirror, configured as a client with the default options (what replays use). */
const DEFAULTS: RunConfig = {
  seed: 0,
  pool: [],
  adapter: 'recording',
  maxPlayers: undefined,
  autoSubscribe: true,
  enterTimeoutMs: 10_000,
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  reconcileWindowMs: 3000,
  exitTimeoutMs: 1500,
  callTimeoutMs: 5000,
  audioRoute: 'speaker',
  enableRecvMessage: false,
};
const FILES = fs
  .readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

test('the corpus is not empty, and every synthetic trace says so in its name', () => {
  expect(FILES.length).toBeGreaterThanOrEqual(3);
  for (const file of FILES) {
    const read = readTrace(fs.readFileSync(path.join(DIR, file), 'utf8'));
    if (!read.ok) throw new Error(`${file}: ${read.problem}`);
    expect({ file, named: read.trace.synthetic ? file.startsWith('synthetic-') : true }).toEqual({
      file,
      named: true,
    });
  }
});

describe.each(FILES)('%s', (file) => {
  test('replays with every invariant holding, to the room it expects', async () => {
    const read = readTrace(fs.readFileSync(path.join(DIR, file), 'utf8'));
    if (!read.ok) throw new Error(read.problem);
    const trace: TraceV1 = read.trace;
    const h = createHarness();
    const mirror = new Mirror(h.client, DEFAULTS);
    const outcome = await replayTrace(trace, h.client, {
      advance: (ms) => h.scheduler.advance(ms),
      afterEntry: () => checkClient(mirror),
    });
    expect(mirror.violations).toEqual([]);
    if (trace.expect !== null) expect(outcome).toEqual(trace.expect);
  });
});
