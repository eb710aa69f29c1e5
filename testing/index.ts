// trtc-room/testing: Jest helpers for apps that test their own pages with <trtc-room> against a
// room emulator (Node only; never part of miniprogram_dist). See docs/testing.md.
//
//   const test = await startRoomTest();                       // emulator, wx, simulate
//   const page = await test.openPage('pages/call/call', { query: { ... } });
//   test.addBot(2024, { userId: 'bob' });
//   await waitForEvent(page.select('#room'), 'enter');
//   await waitFor(() => tilesOf(page.select('#room')).some((t) => t.userId === 'bob'));
//   await test.stop();
export { startRoomTest, DEVTOOLS_EMULATOR_URL } from './room-test';
export type {
  OpenComponentOptions,
  OpenPageOptions,
  RoomTest,
  RoomTestOptions,
  TestView,
} from './room-test';
export { createConnectSocket } from './socket-task';
export type {
  ConnectSocket,
  ConnectSocketOptions,
  ConnectSocketSetup,
  SocketCallbacks,
  SocketTask,
} from './socket-task';
export { eventsOf, waitForEvent } from './events';
export type { RecordedEvent, WaitForEventOptions } from './events';
export { DEFAULT_TIMEOUT_MS, settle, waitFor } from './wait';
export type { WaitForOptions } from './wait';
export { tilesOf } from './tiles';
export type { RoomTile } from './tiles';
export { addBot } from './bots';
export type { RoomSpec, TestBot } from './bots';
export type { PermissionAnswers, TestWx } from './wx';
export type {
  NodeJson,
  SimulatedEvent,
  SimulatedNode,
  SimulatedRoot,
  TrtcRoomInstance,
} from './kit-types';
// Traces (docs/traces.md): read one (a file from a phone), replay it into a RoomClient.
export {
  TRACE_SCHEMA,
  TRACE_VERSION,
  readTrace,
  redactRoomUrl,
  replayTrace,
  roomOutcome,
} from '../src/core/trace';
export type { ReplayOptions, TraceEntry, TraceRead, TraceV1 } from '../src/core/trace';
