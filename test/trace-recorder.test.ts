import { RoomClient } from '../src/core/room';
import { TRACE_SCHEMA, readTrace, redactRoomUrl, replayTrace } from '../src/core/trace';
import type { TraceV1 } from '../src/core/trace';
import { TrtcErrorCode } from '../src/core/errors';
import { createHarness, ROOM_PARAMS } from './fakes/room-harness';
import {
  audioChanged,
  netStatus,
  pusherState,
  usersJoined,
  usersLeft,
  videoChanged,
} from './fakes/native-events';
import { thrownCode } from './fakes/trtc-error';

// A room records its native side when asked (RoomClientOptions.recordTrace): the URL with its
// secrets redacted, every native event as received, every command and how it settled, page
// show/hide, in a bounded ring buffer; and a recorded trace, exported as JSON and read back,
// replays into a fresh client to the same outward events and the same room.
const PLATFORM = { host: 'node', system: { platform: 'test' } };

function session(recordTrace: boolean | { maxEntries: number } = true) {
  const h = createHarness({ recordTrace });
  // enter() and 1018 by hand: join() would clear the journal this test compares.
  h.enter({ privateMapKey: 'secret-map-key' });
  h.pusher(pusherState(1018, 'enter room success'));
  h.pushers(usersJoined('bob'), videoChanged('bob', 'main', true), audioChanged('bob', true));
  h.client.handlePusherNetStatus(netStatus({ videoBitrate: 800 }));
  h.client.handlePageHide();
  h.client.handlePageShow();
  h.pushers(usersJoined('carol'), usersLeft('bob'));
  return h;
}

test('off by default: a client holds no recorder and getTrace() is null', () => {
  const h = createHarness();
  h.join();
  expect(h.client.getTrace({ platform: PLATFORM })).toBeNull();
});

test('records the URL (secrets redacted), native events, commands and page show/hide', async () => {
  const h = session();
  await h.client.switchCamera().catch(() => undefined);
  const trace = h.client.getTrace({ platform: PLATFORM, name: 'unit' })!;
  expect(trace).toMatchObject({ schema: TRACE_SCHEMA, version: 1, name: 'unit', dropped: 0 });
  const [enter] = trace.entries;
  expect(enter).toMatchObject({ kind: 'enter' });
  const url = (enter as { url: string }).url;
  expect(url).toContain('usersig=redacted');
  expect(url).toContain('privatemapkey=redacted');
  expect(url).not.toContain(ROOM_PARAMS.userSig);
  expect(url).not.toContain('secret-map-key');
  const kinds = trace.entries.map((e) =>
    e.kind === 'native'
      ? `${e.source}.${e.event}`
      : e.kind === 'command'
        ? e.name
        : e.kind === 'page'
          ? `page.${e.event}`
          : e.kind,
  );
  expect(kinds).toEqual(
    expect.arrayContaining([
      'enter',
      'pusher.statechange',
      'pusher.netstatus',
      'page.hide',
      'page.show',
      'pusher.switchCamera',
    ]),
  );
  expect(trace.entries.find((e) => e.kind === 'command')).toMatchObject({
    outcome: 'ok',
    playerId: null,
  });
  expect(JSON.stringify(trace)).not.toContain(ROOM_PARAMS.userSig);
});

test('a failed command is recorded with what it said', async () => {
  const h = createHarness({ recordTrace: true });
  h.join();
  h.adapter.failNext('switchCamera', { target: 'pusher', error: new Error('camera busy') });
  await h.client.switchCamera().catch(() => undefined);
  const trace = h.client.getTrace({ platform: PLATFORM })!;
  expect(trace.entries.filter((e) => e.kind === 'command')).toMatchObject([
    {
      name: 'pusher.switchCamera',
      outcome: 'error',
      error: expect.stringContaining('camera busy'),
    },
  ]);
});

test('the ring buffer keeps the newest entries and counts what it dropped', () => {
  const h = createHarness({ recordTrace: { maxEntries: 3 } });
  h.join();
  for (let i = 0; i < 5; i += 1) h.client.handlePusherNetStatus(netStatus({ videoBitrate: i }));
  const trace = h.client.getTrace({ platform: PLATFORM })!;
  expect(trace.entries).toHaveLength(3);
  expect(trace.dropped).toBeGreaterThan(0);
  expect(trace.entries.map((e) => (e.kind === 'native' ? e.detail : null))).toEqual([
    { info: { videoBitrate: 2 } },
    { info: { videoBitrate: 3 } },
    { info: { videoBitrate: 4 } },
  ]);
});

test('recordTrace must be true, false or { maxEntries }', () => {
  expect(thrownCode(() => new RoomClient({ recordTrace: { maxEntries: 0 } }))).toBe(
    TrtcErrorCode.InvalidParameter,
  );
  expect(thrownCode(() => new RoomClient({ recordTrace: 'yes' as unknown as boolean }))).toBe(
    TrtcErrorCode.InvalidParameter,
  );
});

test('redaction keeps every other parameter as it was', () => {
  expect(
    redactRoomUrl('room://cloud.tencent.com/rtc?sdkappid=1&usersig=abc&roomid=2&PrivateMapKey=k'),
  ).toBe(
    'room://cloud.tencent.com/rtc?sdkappid=1&usersig=redacted&roomid=2&PrivateMapKey=redacted',
  );
});

test('exported, read back and replayed into a fresh client: the same outward events and room', async () => {
  const recorded = session();
  const trace = recorded.client.getTrace({ platform: PLATFORM })!;
  const read = readTrace(JSON.stringify(trace));
  expect(read.ok).toBe(true);
  const replayed = createHarness();
  const outcome = await replayTrace((read as { trace: TraceV1 }).trace, replayed.client, {
    advance: (ms) => replayed.scheduler.advance(ms),
  });
  expect(outcome).toEqual({ state: 'joined', remoteUsers: ['carol'], streams: [] });
  expect(replayed.lines()).toEqual(recorded.lines());
  expect(replayed.lines().length).toBeGreaterThan(8);
});

test('readTrace says what is wrong, and never throws', () => {
  expect(readTrace('not json')).toEqual({ ok: false, problem: 'a trace must be JSON' });
  expect(readTrace({ schema: 'x' })).toMatchObject({
    ok: false,
    problem: expect.stringContaining('schema'),
  });
  expect(readTrace({ schema: TRACE_SCHEMA, version: 2, entries: [] })).toMatchObject({
    ok: false,
    problem: expect.stringContaining('version 2'),
  });
  expect(
    readTrace({
      schema: TRACE_SCHEMA,
      version: 1,
      platform: { host: 'x' },
      entries: [{ t: 0, kind: 'native', source: 'player', event: 'statechange' }],
    }),
  ).toMatchObject({ ok: false, problem: 'entries[0]: a player event needs a playerId' });
  expect(readTrace(null)).toMatchObject({ ok: false });
});

test('a room left and entered again: the exit is recorded, and the replay leaves and enters too', async () => {
  const recorded = session();
  const leaving = recorded.client.exitRoom();
  recorded.pusher(pusherState(1019, 'exit room: reason[0] exitRoom'));
  await leaving;
  recorded.enter();
  recorded.pusher(pusherState(1018, 'enter room success'));
  recorded.pushers(usersJoined('carol'), videoChanged('carol', 'main', true));
  const trace = recorded.client.getTrace({ platform: PLATFORM })!;
  const kinds = trace.entries.map((e) => e.kind).filter((k) => k === 'enter' || k === 'exit');
  expect(kinds).toEqual(['enter', 'exit', 'enter']);

  const read = readTrace(JSON.stringify(trace));
  if (!read.ok) throw new Error(read.problem);
  const replayed = createHarness();
  const outcome = await replayTrace(read.trace, replayed.client, {
    advance: (ms) => replayed.scheduler.advance(ms),
  });
  expect(outcome).toEqual({ state: 'joined', remoteUsers: ['carol'], streams: ['carol_main'] });
  expect(replayed.lines()).toEqual(recorded.lines());
});
