// Replaying traces through the emulator (docs/emulator.md, "Traces"): an emulator started with
// `replay` plays a trace's native events to the next client that enters, as the frames the native
// components' events travel in. Every trace of test/traces/ brings a RoomClient on an EmulatorLink
// (over a real WebSocket) to the room the trace expects; and the round trip of issue 20: a session
// recorded on the in-process adapter, exported as JSON, POSTed to the emulator, downloaded back
// and replayed through the emulator into a fresh linked client gives the same outward events.
import fs from 'node:fs';
import path from 'node:path';
import type { RunningEmulator } from '../emulator/index';
import {
  DEV_SDK_APP_ID,
  DEV_SECRET_KEY,
  RoomHub,
  planReplay,
  startEmulator,
} from '../emulator/index';
import type { ServerFrame } from '../src/core/emulator/wire';
import { EmulatorLink } from '../src/core/emulator/link';
import { RoomClient } from '../src/core/room';
import type { RoomClientEventName } from '../src/core/room';
import { readTrace, roomOutcome } from '../src/core/trace';
import type { TraceExpectation, TraceV1 } from '../src/core/trace';
import { buildPusherUrl, parsePusherUrl } from '../src/core/url';
import { genTestUserSig } from '../src/usersig';
import { wsSockets } from './fakes/chat-relay-client';
import { captureLogs } from './fakes/log-capture';
import { ManualScheduler } from './fakes/manual-scheduler';
import {
  audioChanged,
  netStatus,
  pusherState,
  usersJoined,
  usersLeft,
  videoChanged,
} from './fakes/native-events';
import type { RecordedEvent } from './fakes/room-harness';
import { createHarness, describeEvent } from './fakes/room-harness';

const DIR = path.join(__dirname, 'traces');
const FILES = fs
  .readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

const OUTWARD: readonly RoomClientEventName[] = [
  'connection-state-changed',
  'user-joined',
  'user-left',
  'stream-added',
  'stream-removed',
];

jest.setTimeout(20_000);

const emulators: RunningEmulator[] = [];
const sockets = wsSockets();

afterEach(async () => {
  for (const socket of sockets.sockets.splice(0)) socket.terminate();
  for (const emulator of emulators.splice(0)) await emulator.stop();
});

function readFile(file: string): TraceV1 {
  const read = readTrace(fs.readFileSync(path.join(DIR, file), 'utf8'));
  if (!read.ok) throw new Error(`${file}: ${read.problem}`);
  return read.trace;
}

async function started(trace: TraceV1 | null): Promise<RunningEmulator> {
  const emulator = await startEmulator(
    trace === null ? { port: 0 } : { port: 0, replay: { trace, speed: 0 } },
  );
  emulators.push(emulator);
  return emulator;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(done: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; !done() && Date.now() < end;) await pause(10);
}

/** A RoomClient on an EmulatorLink to `emulator`, its outward events journaled. */
function linked(emulator: RunningEmulator) {
  // The broken-input trace makes the decoders warn, as it should; keep the output quiet.
  captureLogs('error');
  const link = new EmulatorLink({ url: emulator.wsUrl, connect: sockets });
  // The client's clock is ours to move: at speed 0 the trace's frames arrive at once, and the
  // client's timers (the reconcile window after a reconnect) run when we move it afterwards.
  const scheduler = new ManualScheduler();
  const client = new RoomClient({ adapter: link.adapter, scheduler });
  link.attach(client);
  const events: RecordedEvent[] = [];
  for (const name of OUTWARD) {
    client.on(name, (...args: unknown[]) => events.push({ name, args } as RecordedEvent));
  }
  return { client, link, scheduler, lines: () => events.map(describeEvent) };
}

/** Enters the trace's room, waits until the emulator played all of it and the frames arrived. */
async function replayThrough(emulator: RunningEmulator, trace: TraceV1) {
  const linkedClient = linked(emulator);
  const enter = trace.entries.find((entry) => entry.kind === 'enter');
  if (enter?.kind !== 'enter') throw new Error('the trace enters no room');
  linkedClient.client.enterRoom(parsePusherUrl(enter.url));
  const played = () =>
    emulator.hub.log().some((entry) => entry.kind === 'replay' && entry.text.includes('played'));
  await waitUntil(played);
  expect(played()).toBe(true);
  // Socket I/O after the last frame left the emulator: a ping's round trip is enough.
  await pause(100);
  // Then the trace's time passes for the client, as replayTrace's `advance` moves it.
  const last = trace.entries.reduce((max, entry) => Math.max(max, entry.t), 0);
  linkedClient.scheduler.advance(last - (enter.t ?? 0));
  return linkedClient;
}

describe.each(FILES)('%s through the emulator at speed 0', (file) => {
  test('a linked client ends in the room the trace expects', async () => {
    const trace = readFile(file);
    const emulator = await started(trace);
    expect(emulator.hub.replayPending?.trace.name).toBe(trace.name);
    const { client } = await replayThrough(emulator, trace);
    const expected = trace.expect as TraceExpectation;
    await waitUntil(() => JSON.stringify(roomOutcome(client)) === JSON.stringify(expected), 2000);
    expect(roomOutcome(client)).toEqual(expected);
    expect(emulator.hub.replayPending).toBeNull();
    // Not put in an emulated room.
    expect(emulator.hub.rooms()).toEqual([]);
    await client.destroy();
  });
});

/** A session on the in-process recording adapter, recorded (as in trace-recorder.test.ts). */
function recordedSession() {
  const h = createHarness({ recordTrace: true });
  h.enter();
  h.pusher(pusherState(1018, 'enter room success'));
  h.pushers(usersJoined('bob'), videoChanged('bob', 'main', true), audioChanged('bob', true));
  h.client.handlePusherNetStatus(netStatus({ videoBitrate: 800 }));
  h.scheduler.advance(1200);
  h.pushers(usersJoined('carol'), videoChanged('carol', 'main', true));
  h.scheduler.advance(800);
  h.pushers(usersLeft('bob'));
  h.client.handlePusherNetStatus(netStatus({ videoBitrate: 600 }));
  return h;
}

test('recorded, POSTed, downloaded and replayed through the emulator: the same outward events', async () => {
  const recorded = recordedSession();
  const trace = recorded.client.getTrace({
    platform: { host: 'node', system: { platform: 'test' } },
    name: 'round-trip',
  })!;
  const exported = JSON.stringify(trace);

  const receiver = await started(null);
  const posted = await fetch(`${receiver.httpUrl}api/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: exported,
  });
  expect(posted.status).toBe(201);
  const { id, entries } = (await posted.json()) as { id: string; entries: number };
  expect(entries).toBe(trace.entries.length);
  const downloaded = (await (await fetch(`${receiver.httpUrl}api/traces/${id}`)).json()) as unknown;
  expect(downloaded).toEqual(JSON.parse(exported));

  const read = readTrace(downloaded);
  if (!read.ok) throw new Error(read.problem);
  const player = await started(read.trace);
  const replayed = await replayThrough(player, read.trace);
  const recordedLines = recorded.events
    .filter((event) => OUTWARD.includes(event.name))
    .map(describeEvent);
  await waitUntil(() => replayed.lines().length >= recordedLines.length);
  expect(replayed.lines()).toEqual(recordedLines);
  expect(recordedLines).toEqual(
    expect.arrayContaining(['user-joined bob', 'stream-added carol_main', 'user-left bob']),
  );
  expect(roomOutcome(replayed.client)).toEqual(roomOutcome(recorded.client));
  expect(roomOutcome(replayed.client)).toEqual({
    state: 'joined',
    remoteUsers: ['carol'],
    streams: ['carol_main'],
  });
  await replayed.client.destroy();
});

describe('the replay itself (a hub without sockets)', () => {
  const trace = readFile('synthetic-ios-1v1-call.json');
  const enterText = (url = 'room://cloud.tencent.com/rtc?sdkappid=1&roomid=2&userid=me') =>
    JSON.stringify({
      type: 'enter',
      url,
      publish: { camera: true, microphone: true, muted: false },
    });

  test('frames at the trace times scaled by the speed; page entries and commands skipped', () => {
    const scheduler = new ManualScheduler();
    const hub = new RoomHub({ scheduler, replay: { trace, speed: 2 } });
    const frames: ServerFrame[] = [];
    const connection = hub.connect({ send: (frame) => frames.push(frame), close: () => {} })!;
    scheduler.advance(10_000);
    expect(frames.map((f) => f.type)).toEqual(['hello']);
    connection.receive(enterText());
    const plan = planReplay({ trace, speed: 2 });
    const natives = trace.entries.filter((entry) => entry.kind === 'native');
    expect(plan.frames).toHaveLength(natives.length);
    expect(plan.skipped.pages).toBe(trace.entries.filter((e) => e.kind === 'page').length);
    expect(plan.skipped.pages).toBeGreaterThan(0);
    const last = plan.frames[plan.frames.length - 1]!.at;
    // Half the trace's time: everything has arrived, not earlier.
    scheduler.advance(last / 2 - 1);
    expect(frames.length).toBeLessThan(1 + natives.length);
    scheduler.advance(1);
    expect(frames.slice(1)).toEqual(plan.frames.map((item) => item.frame));
    // Idle afterwards: what the client asks is only logged, and no tick arrives.
    connection.receive(JSON.stringify({ type: 'exit' }));
    connection.receive(enterText());
    scheduler.advance(10_000);
    expect(frames).toHaveLength(1 + natives.length);
    expect(hub.rooms()).toEqual([]);
    // The next client gets a room again.
    const others: ServerFrame[] = [];
    hub.connect({ send: (frame) => others.push(frame), close: () => {} })!.receive(enterText());
    expect(others.some((f) => f.type === 'pusher' || f.type === 'error')).toBe(true);
    hub.dispose();
  });

  test('armed on a running hub: a client already in a room leaves it for the trace', () => {
    const scheduler = new ManualScheduler(Date.UTC(2025, 0, 1));
    const hub = new RoomHub({ scheduler });
    const url = buildPusherUrl({
      sdkAppId: DEV_SDK_APP_ID,
      roomId: 7,
      userId: 'me',
      userSig: genTestUserSig({
        sdkAppId: DEV_SDK_APP_ID,
        secretKey: DEV_SECRET_KEY,
        userId: 'me',
      }),
    });
    const frames: ServerFrame[] = [];
    const connection = hub.connect({ send: (frame) => frames.push(frame), close: () => {} })!;
    connection.receive(enterText(url));
    expect(hub.rooms().map((room) => room.participants.length)).toEqual([1]);
    const plan = hub.armReplay({ trace, speed: 0 });
    expect(hub.replayPending).toBe(plan);
    frames.length = 0;
    connection.receive(enterText(url));
    expect(hub.rooms()).toEqual([]);
    expect(frames).toEqual(plan.frames.map((item) => item.frame));
    expect(hub.log().map((entry) => entry.kind)).toContain('replay');
    hub.dispose();
  });

  test('a client that leaves stops its replay', () => {
    const scheduler = new ManualScheduler();
    const hub = new RoomHub({ scheduler, replay: { trace } });
    const frames: ServerFrame[] = [];
    const connection = hub.connect({ send: (frame) => frames.push(frame), close: () => {} })!;
    connection.receive(enterText());
    const sent = frames.length;
    connection.closed();
    scheduler.advance(3_600_000);
    expect(frames).toHaveLength(sent);
    hub.dispose();
  });

  test('a bad trace or speed is refused with what is wrong', () => {
    expect(() => new RoomHub({ replay: { trace: { schema: 'x' } } })).toThrow(
      /not a trace: schema must be "trtc-room-trace"/,
    );
    expect(() => new RoomHub({ replay: { trace, speed: -1 } })).toThrow(/speed must be a number/);
    expect(() => planReplay({ trace, speed: Number.NaN })).toThrow(/speed/);
  });

  test('events the wire does not carry are skipped and counted', () => {
    const plan = planReplay({
      trace: {
        ...trace,
        entries: [
          { t: 0, kind: 'enter', url: 'room://x' },
          { t: 5, kind: 'native', source: 'pusher', playerId: null, event: 'bgmstart', detail: {} },
          {
            t: 6,
            kind: 'native',
            source: 'player',
            playerId: 'a_main',
            event: 'fullscreenchange',
            detail: {},
          },
          {
            t: 7,
            kind: 'command',
            name: 'pusher.start',
            playerId: null,
            outcome: 'ok',
            error: null,
            ms: 1,
          },
          {
            t: 8,
            kind: 'native',
            source: 'pusher',
            playerId: null,
            event: 'netstatus',
            detail: { info: { big: 'x'.repeat(70_000) } },
          },
        ],
      },
    });
    expect(plan.frames).toEqual([]);
    expect(plan.skipped).toEqual({ commands: 1, pages: 0, unsupported: 2, tooLarge: 1 });
  });
});
