/**
 * @jest-environment jsdom
 */
// <trtc-room record-trace> (issue 20): the room records its native side when asked, getTrace()
// gives the trace with the host's platform, and exportTrace() puts it on the clipboard, in a file
// or on the room emulator the room talks to; each failure rejects with a TrtcError that says what
// to do. The recorded trace replays into a fresh RoomClient to the same room.
import fs from 'node:fs';
import path from 'node:path';
import { TrtcError, TrtcErrorCode } from '../src/core/errors';
import { readTrace, replayTrace, roomOutcome } from '../src/core/trace';
import type { TraceV1 } from '../src/core/trace';
import { DEFAULT_TRACE_ENTRIES as CORE_DEFAULT_TRACE_ENTRIES } from '../src/core/trace';
import { DEFAULT_TRACE_ENTRIES, ROOM_PROPERTIES, emulatorTracesUrl } from '../src/host';
import type { TraceExportTarget, TraceLabel } from '../src/host';
import type { MountOptions, RoomHarness } from './fakes/component-harness';
import { cleanupComponents, mountRoom, settle, useComponentClock } from './fakes/component-harness';
import type { FakeHostOptions } from './fakes/fake-host';
import { FAKE_USER_DATA_PATH, createFakeHost } from './fakes/fake-host';
import { FakeSocketNet } from './fakes/fake-socket';
import {
  audioChanged,
  netStatus,
  usersJoined,
  usersLeft,
  videoChanged,
} from './fakes/native-events';
import { createHarness } from './fakes/room-harness';

beforeEach(() => useComponentClock());
afterEach(() => cleanupComponents());

interface TraceMethods {
  getTrace(label?: string | TraceLabel): TraceV1 | null;
  exportTrace(to: TraceExportTarget, label?: TraceLabel): Promise<string>;
}

const methods = (room: RoomHarness) => room.comp.instance as unknown as TraceMethods;

/** The rejection of `promise`, which must reject with a TrtcError. */
async function rejection(promise: Promise<unknown>): Promise<TrtcError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TrtcError);
  return error as TrtcError;
}

/** Enters, then bob (camera, mic) and carol join, bob's player reports, carol leaves. */
async function session(room: RoomHarness): Promise<void> {
  await room.enter();
  await room.join('bob', { camera: true, mic: true });
  await room.join('carol', { mic: true });
  room.dispatchPlayer('bob_main', 'netstatus', netStatus({ videoBitrate: 800 }));
  await settle();
  await room.leave('carol');
}

function recordingRoom(props: Record<string, unknown> = {}, options: MountOptions = {}) {
  return mountRoom({ recordTrace: true, ...props }, options);
}

describe('recording', () => {
  test('off by default: getTrace() is null and exporting says how to record', async () => {
    const room = mountRoom();
    await session(room);
    expect(methods(room).getTrace()).toBeNull();
    const error = await rejection(methods(room).exportTrace('clipboard'));
    expect(error.code).toBe(TrtcErrorCode.InvalidState);
    expect(error.message).toContain("exportTrace('clipboard'): this room records no trace");
    expect(error.message).toContain('record-trace');
    expect(room.host.clipboard).toBeUndefined();
  });

  test('record-trace: the URL with usersig=redacted, the native events, the platform', async () => {
    const room = recordingRoom();
    await session(room);
    await room.methods.switchCamera();
    const trace = methods(room).getTrace('bob-and-carol')!;
    expect(trace).toMatchObject({
      schema: 'trtc-room-trace',
      version: 1,
      name: 'bob-and-carol',
      synthetic: false,
      dropped: 0,
      expect: roomOutcome(room.client),
      platform: {
        host: 'wx',
        system: {
          brand: 'iPhone',
          model: 'iPhone 15<iPhone16,1>',
          system: 'iOS 17.4',
          platform: 'ios',
          version: '8.0.50',
          SDKVersion: '3.0.0',
        },
      },
    });
    const enter = trace.entries.find((entry) => entry.kind === 'enter');
    expect(enter).toMatchObject({ url: expect.stringContaining('usersig=redacted') });
    expect(JSON.stringify(trace)).not.toContain('test-sig');
    const natives = trace.entries.flatMap((entry) =>
      entry.kind === 'native' ? [`${entry.source}:${entry.playerId}:${entry.event}`] : [],
    );
    expect(natives).toEqual(
      expect.arrayContaining(['pusher:null:statechange', 'player:bob_main:netstatus']),
    );
    expect(trace.entries).toContainEqual(
      expect.objectContaining({ kind: 'native', detail: usersJoined('bob') }),
    );
    expect(trace.entries).toContainEqual(
      expect.objectContaining({ kind: 'native', detail: usersLeft('carol') }),
    );
    expect(trace.entries).toContainEqual(
      expect.objectContaining({ kind: 'command', name: 'pusher.switchCamera', outcome: 'ok' }),
    );
    expect(readTrace(JSON.stringify(trace))).toMatchObject({ ok: true });
  });

  test('a label names and describes the trace; expect is the room as it is when it is taken', async () => {
    const room = recordingRoom();
    await session(room);
    const trace = methods(room).getTrace({ name: 'check', description: 'enter: pass' })!;
    expect(trace).toMatchObject({ name: 'check', description: 'enter: pass' });
    expect(trace.expect).toEqual({ state: 'joined', remoteUsers: ['bob'], streams: ['bob_main'] });
    expect(() => methods(room).getTrace({ name: 7 } as unknown as TraceLabel)).toThrow(
      /label.*\{ name\?, description\? \} of strings/,
    );
    const bad = await rejection(
      methods(room).exportTrace('clipboard', { description: false } as unknown as TraceLabel),
    );
    expect(bad.code).toBe(TrtcErrorCode.InvalidParameter);
    await methods(room).exportTrace('clipboard', { name: 'check', description: 'enter: pass' });
    expect(JSON.parse(String(room.host.clipboard))).toMatchObject({
      name: 'check',
      description: 'enter: pass',
    });
  });

  test('the trace replays into a fresh RoomClient to the same users and streams', async () => {
    const room = recordingRoom();
    await session(room);
    await room.video('bob', false);
    await room.video('bob', true);
    const trace = methods(room).getTrace()!;
    const read = readTrace(JSON.stringify(trace));
    if (!read.ok) throw new Error(read.problem);
    const fresh = createHarness();
    const outcome = await replayTrace(read.trace, fresh.client, {
      advance: (ms) => fresh.scheduler.advance(ms),
    });
    expect(outcome).toEqual(roomOutcome(room.client));
    expect(outcome).toEqual({
      state: 'joined',
      remoteUsers: ['bob'],
      streams: ['bob_main'],
    });
    fresh.client.destroy();
  });

  test("trace-entries sizes the ring buffer; its default is the core recorder's", async () => {
    expect(ROOM_PROPERTIES.traceEntries.value).toBe(CORE_DEFAULT_TRACE_ENTRIES);
    expect(DEFAULT_TRACE_ENTRIES).toBe(CORE_DEFAULT_TRACE_ENTRIES);
    const room = recordingRoom({ traceEntries: '3' });
    await session(room);
    const trace = methods(room).getTrace()!;
    expect(trace.entries).toHaveLength(3);
    expect(trace.dropped).toBeGreaterThan(0);
    expect(room.eventsNamed('error')).toEqual([]);
  });

  test('a bad trace-entries is an error event; the room records with the default', async () => {
    const room = recordingRoom({ traceEntries: 'lots' });
    expect(room.eventsNamed('error')).toEqual([
      {
        code: TrtcErrorCode.InvalidParameter,
        message: expect.stringMatching(/traceEntries.*an integer from 1 to 100000.*"lots"/),
        nativeCode: null,
        playerId: null,
      },
    ]);
    await session(room);
    expect(methods(room).getTrace()!.entries.length).toBeGreaterThan(5);
  });

  test('trace-entries above 100000 is reported too; without record-trace it is not read', () => {
    const room = recordingRoom({ traceEntries: 100001 });
    expect(room.eventsNamed('error')).toMatchObject([
      { code: TrtcErrorCode.InvalidParameter, message: expect.stringContaining('100001') },
    ]);
    const quiet = mountRoom({ traceEntries: 'lots' });
    expect(quiet.eventsNamed('error')).toEqual([]);
  });

  test('the platform on QQ', async () => {
    const room = recordingRoom({}, { hostName: 'qq' });
    await room.enter();
    expect(methods(room).getTrace()!.platform.host).toBe('qq');
    // The newer APIs, when present, are enough: the deprecated one is not called.
    expect(room.host.calls.map((call) => call.api)).not.toContain('getSystemInfoSync');
  });

  test('the platform from getSystemInfoSync on an older base library, empty fields left out', async () => {
    const room = recordingRoom(
      {},
      { hostOptions: { legacySystemInfo: true, platform: 'android', device: { brand: '' } } },
    );
    await room.enter();
    expect(methods(room).getTrace()!.platform).toEqual({
      host: 'wx',
      system: {
        model: 'iPhone 15<iPhone16,1>',
        system: 'iOS 17.4',
        platform: 'android',
        version: '8.0.50',
        SDKVersion: '3.0.0',
      },
    });
  });

  test('a host whose system info throws still gives a trace, with what it could read', async () => {
    const host = createFakeHost({ authSetting: { 'scope.camera': true, 'scope.record': true } });
    const room = recordingRoom({}, { host });
    await room.enter();
    host.api.getDeviceInfo = () => {
      throw new Error('no device info');
    };
    expect(methods(room).getTrace()!.platform.system).toEqual({
      SDKVersion: '3.0.0',
      version: '8.0.50',
      brand: 'iPhone',
      model: 'iPhone 15<iPhone16,1>',
      system: 'iOS 17.4',
      platform: 'ios',
    });
  });
});

describe('exportTrace', () => {
  test("'clipboard': the trace as JSON, resolving with its name", async () => {
    const room = recordingRoom();
    await session(room);
    await expect(methods(room).exportTrace('clipboard')).resolves.toBe('recorded');
    expect(JSON.parse(room.host.clipboard!)).toEqual(methods(room).getTrace());
  });

  test("'file': written under USER_DATA_PATH, resolving with the path", async () => {
    const room = recordingRoom();
    await session(room);
    const written = await methods(room).exportTrace('file');
    expect(written).toMatch(
      /^wxfile:\/\/usr\/trtc-trace-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.json$/,
    );
    expect(written.startsWith(`${FAKE_USER_DATA_PATH}/`)).toBe(true);
    expect(JSON.parse(room.host.files.get(written)!)).toEqual(methods(room).getTrace());
  });

  test("'emulator': POSTed to the room emulator's /api/traces, resolving with its id", async () => {
    const net = new FakeSocketNet();
    const hostOptions: FakeHostOptions = { platform: 'devtools', connectSocket: net.connectSocket };
    const room = recordingRoom({}, { hostOptions });
    await room.enterEmulated();
    net.pusher('statechange', usersJoined('bob'));
    net.pusher('statechange', videoChanged('bob', 'main', true));
    net.pusher('statechange', audioChanged('bob', true));
    await settle();
    await expect(methods(room).exportTrace('emulator')).resolves.toBe('trace-1');
    const [request, more] = room.host.calls.filter((call) => call.api === 'request');
    expect(more).toBeUndefined();
    const sent = request!.args[0] as Record<string, unknown>;
    expect(sent).toMatchObject({
      url: 'http://127.0.0.1:8787/api/traces',
      method: 'POST',
      header: { 'content-type': 'application/json' },
    });
    const trace = JSON.parse(sent['data'] as string) as TraceV1;
    expect(trace).toEqual(methods(room).getTrace());
    expect(trace.entries).toContainEqual(
      expect.objectContaining({ kind: 'native', detail: usersJoined('bob') }),
    );
  });

  test("'emulator' at an explicit address, after the room was left", async () => {
    const net = new FakeSocketNet();
    const hostOptions: FakeHostOptions = { platform: 'android', connectSocket: net.connectSocket };
    const room = recordingRoom({ emulator: 'ws://10.0.0.8:9000' }, { hostOptions });
    await room.enterEmulated();
    const left = room.methods.exit();
    await settle();
    await left;
    await expect(methods(room).exportTrace('emulator')).resolves.toBe('trace-1');
    const request = room.host.calls.find((call) => call.api === 'request');
    expect(request?.args[0]).toMatchObject({ url: 'http://10.0.0.8:9000/api/traces' });
  });

  test("the emulator URL follows the room's: ws://h:p/path → http://h:p/api/traces", () => {
    expect(emulatorTracesUrl('ws://127.0.0.1:8787/room')).toBe('http://127.0.0.1:8787/api/traces');
    expect(emulatorTracesUrl('wss://emu.example.com/rooms/a?x=1')).toBe(
      'https://emu.example.com/api/traces',
    );
    expect(emulatorTracesUrl('WS://10.0.0.2:9000')).toBe('http://10.0.0.2:9000/api/traces');
    expect(emulatorTracesUrl('room://cloud.tencent.com/rtc')).toBeNull();
  });

  test("'emulator' on a room that uses the native engine: INVALID_STATE", async () => {
    const room = recordingRoom();
    await session(room);
    const error = await rejection(methods(room).exportTrace('emulator'));
    expect(error.code).toBe(TrtcErrorCode.InvalidState);
    expect(error.message).toContain('talks to no room emulator');
    expect(room.host.calls.map((call) => call.api)).not.toContain('request');
  });

  test('each failure rejects with a TrtcError that says what to do', async () => {
    const net = new FakeSocketNet();
    const hostOptions: FakeHostOptions = { platform: 'devtools', connectSocket: net.connectSocket };
    const room = recordingRoom({}, { hostOptions });
    await room.enterEmulated();
    const { host } = room;
    const fails = async (to: TraceExportTarget) => rejection(methods(room).exportTrace(to));

    host.failingApis.add('setClipboardData');
    expect(await fails('clipboard')).toMatchObject({
      code: TrtcErrorCode.NativeCallFailed,
      message: expect.stringMatching(
        /setClipboardData failed \(setClipboardData:fail fake\).*'file'/,
      ),
    });

    host.failingApis.add('writeFile');
    expect(await fails('file')).toMatchObject({
      code: TrtcErrorCode.NativeCallFailed,
      message: expect.stringMatching(
        /writeFile failed \(writeFile:fail fake\)\. Writing wxfile:\/\/usr\/trtc-trace-.*\.json: free/,
      ),
    });
    expect(host.files.size).toBe(0);

    host.failingApis.add('request');
    expect(await fails('emulator')).toMatchObject({
      code: TrtcErrorCode.NativeCallFailed,
      message: expect.stringMatching(
        /request failed \(request:fail fake\)\. POST http:\/\/127\.0\.0\.1:8787\/api\/traces: check that the emulator runs/,
      ),
    });
    host.failingApis.delete('request');

    host.requestReply = {
      statusCode: 413,
      data: { error: 'too-large', message: 'a trace is at most 5 MB' },
    };
    expect(await fails('emulator')).toMatchObject({
      code: TrtcErrorCode.NativeCallFailed,
      message: expect.stringMatching(
        /emulator at http:\/\/127\.0\.0\.1:8787\/api\/traces answered 413: "a trace is at most 5 MB"\. The trace is too large for the emulator: lower trace-entries$/,
      ),
    });
    host.requestReply = { statusCode: 404, data: '{"error":"not-found"}' };
    expect((await fails('emulator')).message).toMatch(
      /answered 404: "not-found"\. Update the emulator, or export to 'file' instead$/,
    );
    host.requestReply = { statusCode: 201, data: 'not json' };
    expect((await fails('emulator')).message).toContain('answered 201 without a trace id');

    // A host API that throws instead of calling back.
    host.api.request = () => {
      throw new Error('request is broken');
    };
    expect((await fails('emulator')).message).toContain('(request is broken)');

    // APIs the host lacks.
    delete host.api.setClipboardData;
    delete host.api.getFileSystemManager;
    delete host.api.request;
    for (const to of ['clipboard', 'file', 'emulator'] as const) {
      expect(await fails(to)).toMatchObject({
        code: TrtcErrorCode.Unsupported,
        message: expect.stringContaining(`exportTrace('${to}'): this host has no`),
      });
    }

    const bad = await rejection(methods(room).exportTrace('desktop' as TraceExportTarget));
    expect(bad).toMatchObject({
      code: TrtcErrorCode.InvalidParameter,
      message: expect.stringContaining('"desktop"'),
    });
  });
});

describe('docs/components.md', () => {
  /** The js block of the "Traces" section that calls exportTrace. */
  function exampleCode(): string {
    const doc = fs.readFileSync(path.resolve(__dirname, '../docs/components.md'), 'utf8');
    const blocks = [...doc.matchAll(/```js\n([\s\S]*?)```/g)]
      .map((match) => match[1]!)
      .filter((code) => code.includes('exportTrace'));
    expect(blocks).toHaveLength(1);
    return blocks[0]!;
  }

  test('the trace example runs as written', async () => {
    const room = recordingRoom();
    await session(room);
    let page: Record<string, unknown> | undefined;
    const Page = (definition: Record<string, unknown>) => {
      page = definition;
    };
    const shown: unknown[] = [];
    const wx = {
      ...(room.host.api as unknown as Record<string, unknown>),
      showToast: (options: unknown) => shown.push(options),
      showModal: (options: unknown) => shown.push(options),
    };
    new Function('Page', 'wx', exampleCode())(Page, wx);
    const data: Record<string, unknown> = {};
    const instance = {
      ...page,
      setData: (patch: Record<string, unknown>) => Object.assign(data, patch),
      selectComponent: (selector: string) => {
        expect(selector).toBe('#room');
        return room.comp.instance;
      },
    } as unknown as { onShareTrace(): Promise<void> };
    await instance.onShareTrace();
    expect(room.host.files.size).toBe(1);
    expect(room.host.files.has(data['tracePath'] as string)).toBe(true);
    expect(shown).toEqual([expect.objectContaining({ title: expect.any(String) })]);
  });
});
