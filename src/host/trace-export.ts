// A room's trace (docs/traces.md) from the host's side: the platform it was recorded on, read from
// the host's system info, and the three ways off the phone: the clipboard, a file in the
// mini-program's user data directory, or a POST to the room emulator the room talks to. Every
// failure rejects with a TrtcError that says what happened and what to do; nothing throws inside
// a host callback.
import { TrtcError, TrtcErrorCode } from '../core/errors';
import type { RoomClient } from '../core/room/room-client';
import { roomOutcome } from '../core/trace/trace-replay';
import type { TracePlatform, TraceV1 } from '../core/trace/trace-types';
import { invalidParameter } from '../core/validate';
import type { Host, HostCallbacks, HostRequestResult } from './host-api';

/** Where exportTrace() puts a trace. */
export type TraceExportTarget = 'clipboard' | 'file' | 'emulator';

/** What a page may say about a trace it takes: a name, and what happened in it. */
export interface TraceLabel {
  readonly name?: string;
  readonly description?: string;
}

/** The system-info fields a trace keeps: nothing that identifies the user. */
const SYSTEM_FIELDS = ['brand', 'model', 'system', 'platform', 'version', 'SDKVersion'] as const;

/** Adds the string fields of `read()` not yet in `into`; false when it is absent or throws. */
function readInto(into: Record<string, string>, read: (() => object) | undefined): boolean {
  if (typeof read !== 'function') return false;
  try {
    const info = read() as Partial<Record<string, unknown>> | null;
    for (const field of SYSTEM_FIELDS) {
      const value = info?.[field];
      if (typeof value === 'string' && value !== '' && into[field] === undefined) {
        into[field] = value;
      }
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * The host and a few system-info fields (brand, model, system, platform, version, SDKVersion;
 * strings only, missing ones left out): getAppBaseInfo and getDeviceInfo, or the deprecated
 * getSystemInfoSync where the base library lacks either. Never throws.
 */
export function tracePlatform(host: Host): TracePlatform {
  const { api } = host;
  const system: Record<string, string> = {};
  const base = readInto(system, api.getAppBaseInfo?.bind(api));
  const device = readInto(system, api.getDeviceInfo?.bind(api));
  if (!base || !device) readInto(system, api.getSystemInfoSync?.bind(api));
  return { host: host.name, system };
}

/** `ws://h:p/room` → `http://h:p/api/traces` (`wss` → `https`); null for anything else. */
export function emulatorTracesUrl(emulatorUrl: string): string | null {
  const match = /^ws(s?):\/\/([^/?#\s]+)/i.exec(emulatorUrl);
  if (match === null) return null;
  const [, secure = '', authority = ''] = match;
  return `http${secure.toLowerCase()}://${authority}/api/traces`;
}

/** What exporting needs of a room. */
export interface TracedRoom {
  readonly host: Host;
  readonly client: RoomClient;
  /** The room emulator the room talks to (`ws://...`), or null for the native engine. */
  readonly emulatorUrl: () => string | null;
}

/** A name or label as the page gave it; a wrong type is an INVALID_PARAMETER error. */
function checkLabel(label: string | TraceLabel | undefined): TraceLabel {
  if (label === undefined) return {};
  if (typeof label === 'string') return { name: label };
  const ok =
    typeof label === 'object' &&
    label !== null &&
    (label.name === undefined || typeof label.name === 'string') &&
    (label.description === undefined || typeof label.description === 'string');
  if (!ok) throw invalidParameter('label', 'a name, or { name?, description? } of strings', label);
  return label;
}

/**
 * The room's trace with the host's platform filled in, and `expect` the room as the client sees
 * it now (so a device trace put in the corpus checks that its replay ends there too); null when
 * the room does not record. `label`: the trace's name, or `{ name, description }`.
 */
export function roomTrace(source: TracedRoom, label?: string | TraceLabel): TraceV1 | null {
  const { name, description } = checkLabel(label);
  const platform = tracePlatform(source.host);
  const trace = source.client.getTrace({
    platform,
    expect: roomOutcome(source.client),
    ...(name === undefined ? {} : { name }),
  });
  return trace === null || description === undefined ? trace : { ...trace, description };
}

type Fail = (code: TrtcErrorCode, message: string) => void;

/**
 * Starts a host callback API (`start`; undefined when the host lacks it, UNSUPPORTED) and settles
 * through `done` or `fail`, saying what the host said and `advice` (or what `done` threw);
 * nothing throws out of it.
 */
function run<T>(
  what: string,
  start: ((callbacks: HostCallbacks<T>) => void) | undefined,
  done: (result: T) => void,
  fail: Fail,
  advice: string,
): void {
  if (start === undefined) {
    return fail(TrtcErrorCode.Unsupported, `this host has no ${what}: export another way`);
  }
  const failed = (said: unknown) =>
    fail(TrtcErrorCode.NativeCallFailed, `${what} failed (${String(said)}). ${advice}`);
  try {
    start({
      success: (result) => {
        try {
          done(result);
        } catch (error) {
          fail(TrtcErrorCode.NativeCallFailed, String((error as Error).message));
        }
      },
      fail: (error) => failed(error?.errMsg),
    });
  } catch (error) {
    failed(error instanceof Error ? error.message : error);
  }
}

/** `2026-12-06T19:35:09.123Z` as a file name part: `2026-12-06T19-35-09-123Z`. */
const fileTime = (date: Date): string => date.toISOString().replace(/[:.]/g, '-');

/** What the emulator answered: its id for the trace (201), or what went wrong and what to do. */
function emulatorAnswer(url: string, result: HostRequestResult): string {
  let body = result?.data;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      // not JSON: no id, nothing said
    }
  }
  const { id, message, error } = (typeof body === 'object' && body !== null ? body : {}) as {
    id?: unknown;
    message?: unknown;
    error?: unknown;
  };
  const status = result?.statusCode;
  if (status === 201 && typeof id === 'string' && id !== '') return id;
  const said = typeof message === 'string' ? message : typeof error === 'string' ? error : '';
  const answered = said === '' ? ' without a trace id' : `: "${said}"`;
  const advice =
    status === 413
      ? 'The trace is too large for the emulator: lower trace-entries'
      : status === 429
        ? "Delete traces in the emulator's console, then export again"
        : "Update the emulator, or export to 'file' instead";
  throw new Error(`the emulator at ${url} answered ${String(status)}${answered}. ${advice}`);
}

/**
 * Exports the room's trace: 'clipboard' resolves with the trace's name, 'file' with the path
 * written (`${USER_DATA_PATH}/trtc-trace-<time>.json`), 'emulator' with the id the room emulator
 * gave it. Rejects with a TrtcError: INVALID_STATE when the room does not record (or, for
 * 'emulator', talks to none), INVALID_PARAMETER for another target, UNSUPPORTED when the host
 * lacks the API, NATIVE_CALL_FAILED when the host or the emulator refused.
 */
export function exportTrace(
  room: TracedRoom,
  to: TraceExportTarget,
  label?: TraceLabel,
  now: () => Date = () => new Date(),
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const fail: Fail = (code, message) =>
      reject(new TrtcError(code, `exportTrace('${to}'): ${message}`));
    if (to !== 'clipboard' && to !== 'file' && to !== 'emulator') {
      return reject(invalidParameter('to', "'clipboard', 'file' or 'emulator'", to));
    }
    let trace: TraceV1 | null;
    try {
      trace = roomTrace(room, label ?? {});
    } catch (error) {
      return reject(error);
    }
    if (trace === null) {
      return fail(
        TrtcErrorCode.InvalidState,
        'this room records no trace: set record-trace on <trtc-room> (Taro: recordTrace: true) ' +
          'when it is created',
      );
    }
    const { api } = room.host;
    const json = JSON.stringify(trace);
    if (to === 'clipboard') {
      const set = api.setClipboardData;
      return run<unknown>(
        'setClipboardData',
        set && ((callbacks) => set.call(api, { ...callbacks, data: json })),
        () => resolve(trace.name),
        fail,
        `The trace has ${json.length} characters: export to 'file' or 'emulator', or lower ` +
          'trace-entries',
      );
    }
    if (to === 'file') {
      const directory = api.env?.USER_DATA_PATH;
      const files = api.getFileSystemManager;
      const filePath = `${String(directory)}/trtc-trace-${fileTime(now())}.json`;
      return run<unknown>(
        'writeFile',
        directory && files
          ? (callbacks) =>
              files
                .call(api)
                .writeFile({ ...callbacks, filePath, data: JSON.stringify(trace, null, 2) })
          : undefined,
        () => resolve(filePath),
        fail,
        `Writing ${filePath}: free some of the user data directory (200 MB at most), or ` +
          "export to 'clipboard' or 'emulator'",
      );
    }
    const emulator = room.emulatorUrl();
    const url = emulator === null ? null : emulatorTracesUrl(emulator);
    if (url === null) {
      return fail(
        TrtcErrorCode.InvalidState,
        "this room talks to no room emulator (it uses the native engine): export to 'file' or " +
          '\'clipboard\', or enter with emulator="ws://host:port"',
      );
    }
    const request = api.request;
    run<HostRequestResult>(
      'request',
      request &&
        ((callbacks) =>
          request.call(api, {
            ...callbacks,
            url,
            method: 'POST',
            data: json,
            header: { 'content-type': 'application/json' },
            timeout: 10000,
          })),
      (result) => resolve(emulatorAnswer(url, result)),
      fail,
      `POST ${url}: check that the emulator runs and this device reaches it (DevTools: "Does ` +
        'not verify valid domain names"; a phone: `npx trtc-room-emulator --host 0.0.0.0` and ' +
        'debug mode)',
    );
  });
}
