import { TrtcErrorCode } from '../src/core/errors';
import { setLogLevel, setLogSink } from '../src/core/logger';
import type { LogRecord } from '../src/core/logger';
import { RoomClient } from '../src/core/room/room-client';
import { ManualScheduler } from './fakes/manual-scheduler';
import { pusherState } from './fakes/native-events';
import { ROOM_PARAMS, START_TIME } from './fakes/room-harness';
import { thrownTrtcError } from './fakes/trtc-error';

// RoomClientOptions.logLevel: one client's work logged at its own level (<trtc-room debug>),
// whatever the app's setLogLevel, and nobody else's.
let records: LogRecord[];

beforeEach(() => {
  records = [];
  setLogLevel('warn');
  setLogSink((record) => records.push(record));
});

afterEach(() => {
  setLogSink(undefined);
  setLogLevel('warn');
});

const messages = (level: LogRecord['level']): string[] =>
  records.filter((record) => record.level === level).map((record) => record.message);

test("a client's native events log at its own level; another client's at the app's", () => {
  const loud = new RoomClient({ logLevel: 'debug' });
  const quiet = new RoomClient();
  quiet.handlePusherStateChange(pusherState(4242, 'quiet'));
  expect(messages('debug')).toEqual([]);
  loud.handlePusherStateChange(pusherState(4242, 'loud'));
  expect(messages('debug')).toEqual(['pusher statechange: unknown code 4242']);
  // Outside the client's work the app's level holds again.
  quiet.handlePusherStateChange(pusherState(4243, 'quiet'));
  expect(messages('debug')).toHaveLength(1);
});

test("a client's timers run at its own level", () => {
  const scheduler = new ManualScheduler(START_TIME);
  const client = new RoomClient({ scheduler, logLevel: 'info', enterTimeoutMs: 1000 });
  client.enterRoom(ROOM_PARAMS);
  const before = messages('info').length;
  scheduler.advance(1000); // the enter timeout: entering -> failed, logged at info
  expect(client.getState()).toBe('failed');
  expect(messages('info').slice(before)).toEqual([expect.stringMatching(/^entering -> failed/)]);
  const other = new RoomClient({ scheduler, enterTimeoutMs: 1000 });
  other.enterRoom(ROOM_PARAMS);
  const after = messages('info').length;
  scheduler.advance(1000);
  expect(other.getState()).toBe('failed');
  expect(messages('info').slice(after)).toEqual([]);
});

test('a log level that is not one is refused', () => {
  const error = thrownTrtcError(() => new RoomClient({ logLevel: 'verbose' as never }));
  expect(typeof error === 'string' ? error : [error.code, error.message]).toEqual([
    TrtcErrorCode.InvalidParameter,
    expect.stringContaining('logLevel'),
  ]);
});
