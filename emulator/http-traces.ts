// The HTTP API of received traces (docs/emulator.md, "Traces"): routes in the shape http-api.ts
// builds them. A POST body may be up to limits.maxTraceBytes (413 above); a download is the trace
// as a JSON attachment.
import type { ServerResponse } from 'node:http';
import { sendJson } from './http-io';
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

/** `streamed`: what a handler returns when it answered itself. */
export function traceRoutes<R>(
  store: TraceStore,
  maxTraceBytes: number,
  route: TraceRouteMaker<R>,
  streamed: unknown,
): R[] {
  const id = (params: readonly string[]): string => params[0] ?? '';
  return [
    route('GET', 'api/traces', () => ({ traces: store.list() })),
    route('POST', 'api/traces', async ({ body }) => store.add(await body()), 201, maxTraceBytes),
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
  ];
}
