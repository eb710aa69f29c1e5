// The HTTP side of the emulator: the JSON API under /api/ and the web console's files.
// Every answer is JSON ({error, message} on failure); nothing a request carries can throw out of
// handle(). Room keys and user ids are URL path segments, percent-encoded by the caller.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EMULATOR_CHAT_PATH } from '../src/core/emulator/chat-wire';
import { EMULATOR_PROTOCOL_VERSION, EMULATOR_ROOM_PATH } from '../src/core/emulator/wire';
import type { RoomHub } from './hub';
import {
  DEV_SDK_APP_ID,
  EmulatorError,
  parseBotAction,
  parseBotOptions,
  parseRoomKey,
  parseRoomSettings,
} from './hub';
import { HttpError, badRequest, readFault, readScenarioRoom } from './http-body';
import { callRoutes } from './http-calls';
import { traceRoutes } from './http-traces';
import { readJsonBody, sendError, sendFile, sendJson } from './http-io';
import { LogStreams } from './log-stream';
import type { ScenarioRuns } from './scenario-runs';
import { messageOf } from './scenario-runs';
import { checkSettingsFields } from './settings';
import type { StaticFile } from './static';

export interface HttpApiOptions {
  readonly hub: RoomHub;
  readonly scenarios: ScenarioRuns;
  /** 'trtc-room-emulator <version>', as the hello frame says. */
  readonly emulator: string;
  readonly consoleFiles: ReadonlyMap<string, StaticFile>;
  readonly clientCount: () => number;
  /**
   * Host names (without port) the Host header may carry; null: any. On loopback this keeps a
   * web page that rebinds its own DNS name to 127.0.0.1 from driving the API.
   */
  readonly allowedHosts: ReadonlySet<string> | null;
  readonly log?: (line: string) => void;
}

export interface HttpApi {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Ends the open event streams. */
  close(): void;
}

interface Call {
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  body(): Promise<unknown>;
}

type Method = 'GET' | 'POST' | 'DELETE';

interface Route {
  readonly method: Method;
  /** Segments; ':' matches one (decoded) segment. */
  readonly path: readonly string[];
  readonly status?: number;
  /** Bytes the request body may have; default limits.maxFrameBytes. */
  readonly bodyLimit?: number;
  /** The JSON answer, or STREAMED when the handler answered itself. */
  run(call: Call): unknown;
}

const STREAMED = Symbol('streamed');

const EMULATOR_ERROR_STATUS: Readonly<Record<EmulatorError['code'], number>> = {
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  LIMIT: 429,
};

function roomKeyParam(key: string | undefined): string {
  if (key === undefined || parseRoomKey(key) === null) {
    throw badRequest(
      `${JSON.stringify(key ?? '')} is not a room key: expected "<sdkAppId>:<roomId>" or ` +
        '"<sdkAppId>:str:<strRoomId>", percent-encoded in the URL',
    );
  }
  return key;
}

function sinceParam(query: URLSearchParams): number | null {
  const raw = query.get('since');
  if (raw === null || raw === '') return null;
  const since = Number(raw);
  if (!Number.isSafeInteger(since) || since < 0) {
    throw badRequest('"since" must be a log sequence number (a whole number ≥ 0)');
  }
  return since;
}

function routes(options: HttpApiOptions, streams: LogStreams): Route[] {
  const { hub, scenarios } = options;
  const route = (
    method: Method,
    path: string,
    run: (call: Call) => unknown,
    status?: number,
    bodyLimit?: number,
  ): Route => ({ method, path: path.split('/').filter(Boolean), run, status, bodyLimit });
  const OK = { ok: true };
  return [
    route('GET', 'api/health', () => ({
      ok: true,
      emulator: options.emulator,
      protocolVersion: EMULATOR_PROTOCOL_VERSION,
      roomPath: EMULATOR_ROOM_PATH,
      chatPath: EMULATOR_CHAT_PATH,
      sdkAppId: DEV_SDK_APP_ID,
      rooms: hub.rooms().length,
      clients: options.clientCount(),
      limits: hub.limits,
      defaults: hub.defaults,
    })),
    route('GET', 'api/rooms', () => ({ rooms: hub.rooms() })),
    route('GET', 'api/rooms/:', ({ params }) => {
      const room = hub.room(roomKeyParam(params[0]));
      if (room === null) throw new HttpError(404, 'NOT_FOUND', `no room ${params[0]}`);
      return room;
    }),
    route('GET', 'api/rooms/:/settings', ({ params }) => hub.roomSettings(roomKeyParam(params[0]))),
    route('POST', 'api/rooms/:/settings', async ({ params, body }) => {
      const json = (await body()) ?? {};
      checkSettingsFields('settings', json);
      return hub.configureRoom(roomKeyParam(params[0]), parseRoomSettings(json));
    }),
    route(
      'POST',
      'api/rooms/:/bots',
      async ({ params, body }) =>
        hub.addBot(roomKeyParam(params[0]), parseBotOptions(await body())),
      201,
    ),
    route('POST', 'api/rooms/:/bots/:/actions', async ({ params, body }) => {
      hub.botAction(roomKeyParam(params[0]), params[1] ?? '', parseBotAction(await body()));
      return OK;
    }),
    route('DELETE', 'api/rooms/:/bots/:', ({ params }) => {
      hub.removeBot(roomKeyParam(params[0]), params[1] ?? '');
      return OK;
    }),
    route('POST', 'api/rooms/:/faults', async ({ params, body }) => {
      hub.inject(readFault(await body(), roomKeyParam(params[0])));
      return OK;
    }),
    route('GET', 'api/scenarios', () => ({
      dir: scenarios.dir ?? null,
      scenarios: scenarios.list(),
    })),
    route(
      'POST',
      'api/scenarios/:',
      async ({ params, body }) => {
        scenarios.run(params[0] ?? '', readScenarioRoom(await body()));
        return { ok: true, name: params[0] };
      },
      201,
    ),
    route('DELETE', 'api/scenarios/:', ({ params }) => {
      if (!scenarios.stop(params[0] ?? '')) {
        throw new HttpError(404, 'NOT_FOUND', `scenario ${params[0]} is not running`);
      }
      return OK;
    }),
    route('GET', 'api/log', ({ query }) => ({ entries: hub.log(sinceParam(query) ?? 0) })),
    route('GET', 'api/events', ({ query, req, res }) => {
      const since = sinceParam(query);
      if (!streams.start(req, res, since)) {
        throw new HttpError(429, 'LIMIT', 'too many event streams are open');
      }
      return STREAMED;
    }),
    ...callRoutes(hub, route),
    ...traceRoutes(hub, route, STREAMED),
  ];
}

/** The route's decoded parameters when `segments` fit its path. */
function matchPath(route: Route, segments: readonly string[]): string[] | null {
  if (route.path.length !== segments.length) return null;
  const params: string[] = [];
  for (let i = 0; i < segments.length; i += 1) {
    const want = route.path[i];
    const got = segments[i] ?? '';
    if (want === ':') params.push(got);
    else if (want !== got) return null;
  }
  return params;
}

function requestUrl(req: IncomingMessage): URL {
  const target = req.url ?? '/';
  try {
    return new URL(`http://emulator.invalid${target.startsWith('/') ? target : '/'}`);
  } catch {
    throw badRequest('the request target is not a valid URL path');
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`the URL segment ${JSON.stringify(segment)} is not valid percent-encoding`);
  }
}

export function createHttpApi(options: HttpApiOptions): HttpApi {
  const streams = new LogStreams(options.hub, options.hub.limits.maxClients);
  const table = routes(options, streams);

  const fail = (res: ServerResponse, error: unknown) => {
    if (error instanceof HttpError) sendError(res, error.status, error.code, error.message);
    else if (error instanceof EmulatorError) {
      sendError(res, EMULATOR_ERROR_STATUS[error.code] ?? 400, error.code, error.message);
    } else {
      options.log?.(`http: internal error: ${messageOf(error)}`);
      sendError(res, 500, 'INTERNAL', messageOf(error));
    }
  };

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').replace(/:[0-9]*$/, '').toLowerCase();
    if (options.allowedHosts !== null && host !== '' && !options.allowedHosts.has(host)) {
      throw new HttpError(403, 'FORBIDDEN', `this emulator does not answer for host ${host}`);
    }
    const url = requestUrl(req);
    const method = req.method ?? 'GET';
    if (!url.pathname.startsWith('/api/')) {
      const file = options.consoleFiles.get(url.pathname);
      if (file === undefined) throw new HttpError(404, 'NOT_FOUND', `no page ${url.pathname}`);
      if (method !== 'GET' && method !== 'HEAD') {
        throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} ${url.pathname}: use GET`);
      }
      sendFile(res, file.type, file.body);
      return;
    }
    const raw = url.pathname.split('/').filter(Boolean);
    const candidates = table.filter((route) => matchPath(route, raw) !== null);
    if (candidates.length === 0) {
      throw new HttpError(404, 'NOT_FOUND', `no API route ${url.pathname}`);
    }
    const route = candidates.find((candidate) => candidate.method === method);
    if (route === undefined) {
      const allow = candidates.map((candidate) => candidate.method).join(', ');
      sendError(res, 405, 'METHOD_NOT_ALLOWED', `${method} ${url.pathname}: use ${allow}`, {
        allow,
      });
      return;
    }
    const params = (matchPath(route, raw) ?? []).map(decodeSegment);
    const body = () => readJsonBody(req, route.bodyLimit ?? options.hub.limits.maxFrameBytes);
    const result: unknown = await route.run({ params, query: url.searchParams, req, res, body });
    if (result !== STREAMED) sendJson(res, route.status ?? 200, result);
  }

  return {
    handle(req, res) {
      dispatch(req, res).catch((error: unknown) => {
        try {
          fail(res, error);
        } catch {
          res.destroy();
        }
      });
    },
    close() {
      streams.closeAll();
    },
  };
}
