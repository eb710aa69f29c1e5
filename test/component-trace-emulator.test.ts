// exportTrace('emulator') against the real room emulator's trace API (emulator/http-traces.ts):
// the host's `request` is a real HTTP request here (fakes/real-request.ts), so the contract
// (POST /api/traces → 201 { id, name, entries }, 413 and 429 with { error, message }) is the
// emulator's own, not a fake's.
import type { RunningEmulator } from '../emulator/index';
import { startEmulator } from '../emulator/index';
import { TrtcErrorCode } from '../src/core/errors';
import { readTrace } from '../src/core/trace';
import type { TracedRoom } from '../src/host';
import { exportTrace } from '../src/host';
import { createFakeHost } from './fakes/fake-host';
import { realRequest } from './fakes/real-request';
import { audioChanged, usersJoined, videoChanged } from './fakes/native-events';
import { createHarness } from './fakes/room-harness';

let emulator: RunningEmulator;

afterEach(async () => {
  await emulator.stop();
});

/** A recording room (a client on the test harness) that talks to `emulator`. */
function recordedRoom(maxEntries = 2000): TracedRoom {
  const room = createHarness({ recordTrace: { maxEntries } });
  room.join();
  room.pushers(usersJoined('bob'), videoChanged('bob', 'main', true), audioChanged('bob', true));
  const host = createFakeHost();
  host.api.request = realRequest;
  return {
    host: { name: 'wx', api: host.api },
    client: room.client,
    emulatorUrl: () => emulator.wsUrl,
  };
}

test('a trace POSTed to the emulator is kept there under the id exportTrace resolves with', async () => {
  emulator = await startEmulator({ port: 0, tickMs: 60_000 });
  const room = recordedRoom();
  const id = await exportTrace(room, 'emulator');
  const res = await fetch(`${emulator.httpUrl}api/traces/${id}`);
  expect(res.status).toBe(200);
  const kept = readTrace(await res.text());
  if (!kept.ok) throw new Error(kept.problem);
  expect(kept.trace.entries).toContainEqual(
    expect.objectContaining({ kind: 'native', detail: usersJoined('bob') }),
  );
  expect(kept.trace.platform).toMatchObject({ host: 'wx', system: { platform: 'ios' } });
});

test("the emulator's limits reach the page as what to do", async () => {
  emulator = await startEmulator({
    port: 0,
    tickMs: 60_000,
    limits: { maxTraces: 1, maxTraceBytes: 4000 },
  });
  const small = recordedRoom(4);
  await expect(exportTrace(small, 'emulator')).resolves.toEqual(expect.any(String));
  await expect(exportTrace(small, 'emulator')).rejects.toMatchObject({
    code: TrtcErrorCode.NativeCallFailed,
    message: expect.stringMatching(/answered 429: ".*at most 1 traces.*"\. Delete traces/),
  });
  const large = recordedRoom();
  for (let i = 0; i < 50; i += 1) large.client.handlePusherNetStatus({ info: { videoBitrate: i } });
  await expect(exportTrace(large, 'emulator')).rejects.toMatchObject({
    code: TrtcErrorCode.NativeCallFailed,
    message: expect.stringMatching(/answered 413: .*lower trace-entries/),
  });
});
