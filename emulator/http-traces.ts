// The HTTP API of received traces (docs/emulator.md, "Traces"): routes in the shape http-api.ts
// builds them. A POST body may be up to limits.maxTraceBytes (413 above); a download is the trace
// as a JSON attachment. `POST /api/traces/:id/replay` arms a stored trace's replay for the next
// client that enters (hub.armReplay); `GET /api/traces` and `GET /api/replay` say what is armed,
// `DELETE /api/replay` disarms it.
import type { ServerResponse } from 'node:http';
import { badRequest, notFound } from './errors';
import { sendJson } from './http-io';
import type { ReplayOptions, ReplayPlan } from './trace-player';
import { DEFAULT_REPLAY_SPEED, describePlan } from './trace-player';
import type { TraceStore } from './traces';
import { traceFileName } from './traces';

/** What a trace route reads of a request. */
export interface TraceRouteCall {
  readonly params: readonly string[];
  readonly res: ServerResponse;
  body(): Promise<unknown>;
}

export type TraceRouteMaker<R> = (
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  run: (call: TraceRouteCall) => unknown,
  status?: number,
  bodyLimit?: number,
) => R;

/** What the trace routes use of the hub (RoomHub). */
export interface TraceRouteHub {
  readonly traces: TraceStore;
  readonly limits: { readonly maxTraceBytes: number };
  readonly replayPending: ReplayPlan | null;
  armReplay(options: ReplayOptions): ReplayPlan;
  cancelReplay(): boolean;
}

/** The replay armed for the next client to enter, as the API shows it. */
export interface ReplaySummary {
  /** The stored trace's id; null for a replay armed otherwise (`--replay`, startEmulator). */
  readonly id: string | null;
  readonly name: string;
  /** The trace's entries, and the native events among them sent as frames. */
  readonly entries: number;
  readonly frames: number;
  readonly speed: number;
  readonly skipped: ReplayPlan['skipped'];
  /** One line, as the log and the command line say it. */
  readonly description: string;
}

/** `{"speed"?: number ≥ 0}` (an empty body too) → the speed; throws BAD_REQUEST. */
export function readReplaySpeed(body: unknown): number {
  if (body === undefined) return DEFAULT_REPLAY_SPEED;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('replay options must be a JSON object: {"speed": <a number ≥ 0>}');
  }
  const unknown = Object.keys(body).filter((key) => key !== 'speed');
  if (unknown.length > 0) {
    throw badRequest(`replay options: unknown field ${JSON.stringify(unknown[0])}; one of speed`);
  }
  const { speed } = body as { speed?: unknown };
  if (speed === undefined) return DEFAULT_REPLAY_SPEED;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < 0) {
    throw badRequest(
      `"speed" must be a number ≥ 0 (1: as recorded, 2: twice as fast, 0: no waits), ` +
        `got ${JSON.stringify(speed)}`,
    );
  }
  return speed;
}

/** `streamed`: what a handler returns when it answered itself. */
export function traceRoutes<R>(
  hub: TraceRouteHub,
  route: TraceRouteMaker<R>,
  streamed: unknown,
): R[] {
  const store = hub.traces;
  const id = (params: readonly string[]): string => params[0] ?? '';
  // Which stored trace each armed plan came from (a plan armed otherwise has none).
  const armedFrom = new WeakMap<ReplayPlan, string>();
  const summaryOf = (plan: ReplayPlan): ReplaySummary => ({
    id: armedFrom.get(plan) ?? null,
    name: plan.trace.name,
    entries: plan.trace.entries.length,
    frames: plan.frames.length,
    speed: plan.speed,
    skipped: plan.skipped,
    description: describePlan(plan),
  });
  const armed = (): ReplaySummary | null => {
    const plan = hub.replayPending;
    return plan === null ? null : summaryOf(plan);
  };
  return [
    route('GET', 'api/traces', () => ({ traces: store.list(), replay: armed() })),
    route(
      'POST',
      'api/traces',
      async ({ body }) => store.add(await body()),
      201,
      hub.limits.maxTraceBytes,
    ),
    route('GET', 'api/traces/:', ({ params, res }) => {
      const { summary, trace } = store.get(id(params));
      sendJson(res, 200, trace, {
        'content-disposition': `attachment; filename="${traceFileName(summary.name)}"`,
      });
      return streamed;
    }),
    route('DELETE', 'api/traces/:', ({ params }) => {
      store.remove(id(params));
      return { ok: true };
    }),
    route(
      'POST',
      'api/traces/:/replay',
      async ({ params, body }) => {
        const json = await body();
        const { summary, trace } = store.get(id(params));
        const plan = hub.armReplay({ trace, speed: readReplaySpeed(json) });
        armedFrom.set(plan, summary.id);
        return summaryOf(plan);
      },
      201,
    ),
    route('GET', 'api/replay', () => ({ replay: armed() })),
    route('DELETE', 'api/replay', () => {
      if (!hub.cancelReplay()) throw notFound('no replay is armed');
      return { ok: true };
    }),
  ];
}
