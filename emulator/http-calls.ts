// The HTTP API of the Chat relay and the call bots (docs/emulator.md, "Calls"): routes in the
// shape http-api.ts builds them; bad input throws EmulatorError BAD_REQUEST (400).
import type { RoomHub } from './hub';
import { parseCallBotOptions, parseCallBotPolicy, parseCallRequest } from './call-bot-options';

/** What a call-bot route reads of a request. */
export interface CallRouteCall {
  readonly params: readonly string[];
  body(): Promise<unknown>;
}

export type RouteMaker<R> = (
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  run: (call: CallRouteCall) => unknown,
  status?: number,
) => R;

export function callRoutes<R>(hub: RoomHub, route: RouteMaker<R>): R[] {
  const bots = hub.callBots;
  const id = (params: readonly string[]): string => params[0] ?? '';
  return [
    route('GET', 'api/chat', () => hub.chat.snapshot()),
    route('GET', 'api/call-bots', () => ({ bots: bots.list() })),
    route(
      'POST',
      'api/call-bots',
      async ({ body }) => bots.add(parseCallBotOptions(await body())),
      201,
    ),
    route('GET', 'api/call-bots/:', ({ params }) => bots.get(id(params))),
    route('DELETE', 'api/call-bots/:', async ({ params }) => {
      await bots.remove(id(params));
      return { ok: true };
    }),
    route('POST', 'api/call-bots/:/policy', async ({ params, body }) => {
      const current = bots.get(id(params));
      return bots.setPolicy(id(params), parseCallBotPolicy(await body(), current));
    }),
    route('POST', 'api/call-bots/:/call', async ({ params, body }) => {
      bots.get(id(params));
      return bots.call(id(params), parseCallRequest(await body()));
    }),
    route('POST', 'api/call-bots/:/hangup', ({ params }) => bots.hangup(id(params))),
  ];
}
