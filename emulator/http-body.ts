// Errors the HTTP API raises itself, and the request bodies the hub's parsers do not cover.
// Bot options, bot actions and faults are read by the hub's own parsers (parseBotOptions,
// parseBotAction, parseFault), which throw EmulatorError BAD_REQUEST.
import { parseFault } from './hub';
import type { Fault, RoomKey } from './emulator-types';

/** A request the API refuses before the hub sees it (maps to an HTTP status). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string): HttpError =>
  new HttpError(400, 'BAD_REQUEST', message);

type Body = Record<string, unknown>;

function objectBody(body: unknown, what: string): Body {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`${what} must be a JSON object`);
  }
  return body as Body;
}

/** POST /api/rooms/:key/faults: a Fault without "room", which the URL gives. */
export function readFault(body: unknown, room: RoomKey): Fault {
  const fault = objectBody(body, 'a fault');
  if (fault.room !== undefined && fault.room !== room) {
    throw badRequest('a fault names its room in the URL, not in "room"');
  }
  return parseFault({ ...fault, room });
}

/** POST /api/scenarios/:name: `{"room"?: "<room key>"}` to run the scenario in another room. */
export function readScenarioRoom(body: unknown): string | undefined {
  const room = objectBody(body, 'scenario options').room;
  if (room !== undefined && typeof room !== 'string') throw badRequest('"room" must be a room key');
  return room;
}
