// trtc-room/taro: useTrtcRoom({ recordTrace }) records the room's native side, and the handle's
// getTrace() / exportTrace() go through the same host module as <trtc-room>'s (component-
// trace.test.ts has the details and every failure).
import { TrtcErrorCode } from '../src/core/errors';
import { readTrace, replayTrace, roomOutcome } from '../src/core/trace';
import { ROOM_DEFAULTS } from '../src/taro';
import { createTaroHost } from '../src/taro/taro-host';
import { netStatus, usersJoined } from './fakes/native-events';
import { createHarness } from './fakes/room-harness';
import type { Harness } from './fakes/taro/room-harness';
import { installHost, mountRoom, settle, useTaroRoomHarness } from './fakes/taro/room-harness';

useTaroRoomHarness();

async function session(room: Harness): Promise<void> {
  await room.enter();
  await room.join('bob', { camera: true, mic: true });
  await room.firePlayer('bob_main', 'onNetStatus', netStatus({ videoBitrate: 800 }));
}

test('off by default: getTrace() is null, exportTrace rejects with INVALID_STATE', async () => {
  expect(ROOM_DEFAULTS).toMatchObject({ recordTrace: false, traceEntries: 2000 });
  const room = await mountRoom();
  await session(room);
  expect(room.room.getTrace()).toBeNull();
  await expect(room.room.exportTrace('file')).rejects.toMatchObject({
    code: TrtcErrorCode.InvalidState,
    message: expect.stringContaining('recordTrace: true'),
  });
});

test('recordTrace: the trace has the platform and the native events, and replays', async () => {
  const room = await mountRoom({ recordTrace: true });
  await session(room);
  const trace = room.room.getTrace('taro')!;
  expect(trace).toMatchObject({
    name: 'taro',
    platform: { host: 'wx', system: { platform: 'ios', SDKVersion: '3.0.0' } },
  });
  expect(trace.entries.find((entry) => entry.kind === 'enter')).toMatchObject({
    url: expect.stringContaining('usersig=redacted'),
  });
  expect(trace.entries).toContainEqual(
    expect.objectContaining({ kind: 'native', source: 'pusher', detail: usersJoined('bob') }),
  );
  expect(trace.entries).toContainEqual(
    expect.objectContaining({ kind: 'native', source: 'player', playerId: 'bob_main' }),
  );

  const read = readTrace(JSON.stringify(trace));
  if (!read.ok) throw new Error(read.problem);
  const fresh = createHarness();
  const outcome = await replayTrace(read.trace, fresh.client, {
    advance: (ms) => fresh.scheduler.advance(ms),
  });
  expect(outcome).toEqual(roomOutcome(room.client));
  expect(outcome).toEqual({ state: 'joined', remoteUsers: ['bob'], streams: ['bob_main'] });
  fresh.client.destroy();
});

test('exportTrace: the clipboard, a file, and the failures of each', async () => {
  const host = installHost();
  const room = await mountRoom({ recordTrace: true, traceEntries: 50 }, { host });
  await session(room);
  await expect(room.run(() => room.room.exportTrace('clipboard'))).resolves.toBe('recorded');
  expect(JSON.parse(host.clipboard!)).toEqual(room.room.getTrace());
  const written = await room.run(() => room.room.exportTrace('file'));
  expect(written).toMatch(/^wxfile:\/\/usr\/trtc-trace-.*\.json$/);
  expect(JSON.parse(host.files.get(written)!)).toEqual(room.room.getTrace());

  host.failingApis.add('writeFile');
  await expect(room.run(() => room.room.exportTrace('file'))).rejects.toMatchObject({
    code: TrtcErrorCode.NativeCallFailed,
  });
  await expect(room.run(() => room.room.exportTrace('emulator'))).rejects.toMatchObject({
    code: TrtcErrorCode.InvalidState,
    message: expect.stringContaining('talks to no room emulator'),
  });
});

test('a bad traceEntries reaches onError; a non-boolean recordTrace too', async () => {
  const room = await mountRoom({ recordTrace: 'yes' as unknown as boolean, traceEntries: 0 });
  await settle();
  expect(room.named('error')).toEqual([
    expect.objectContaining({
      code: TrtcErrorCode.InvalidParameter,
      message: expect.stringContaining('recordTrace must be true or false'),
    }),
  ]);
  expect(room.room.getTrace()).toBeNull();

  const other = await mountRoom({ recordTrace: true, traceEntries: 0 });
  await settle();
  expect(other.named('error')).toEqual([
    expect.objectContaining({
      code: TrtcErrorCode.InvalidParameter,
      message: expect.stringContaining('traceEntries'),
    }),
  ]);
  expect(other.room.getTrace()).not.toBeNull();
});

test("Taro's host forwards the APIs an export uses, and leaves out those the host lacks", () => {
  const host = installHost();
  const { api } = createTaroHost(undefined, { name: 'wx', api: host.api });
  expect(api.env).toEqual({ USER_DATA_PATH: 'wxfile://usr' });
  api.request?.({ url: 'http://127.0.0.1:8787/api/traces', method: 'POST', data: '{}' });
  expect(host.calls.map((call) => call.api)).toEqual(['request']);
  delete host.api.request;
  delete host.api.setClipboardData;
  const bare = createTaroHost(undefined, { name: 'wx', api: host.api }).api;
  expect(bare.request).toBeUndefined();
  expect(bare.setClipboardData).toBeUndefined();
  expect(typeof bare.getFileSystemManager).toBe('function');
});
