// A scenario the CLI's --scenario (or npm start, or a Node script) runs from a file is listed as
// running in GET /api/scenarios, where the console shows it, and can be stopped there: from the
// scenario folder or from anywhere else.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningEmulator } from '../emulator/index';
import { startEmulator } from '../emulator/index';

const DEMO = path.resolve(__dirname, '../demo/scenarios');
let emulator: RunningEmulator;
let elsewhere: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, scenarioDir: DEMO });
  elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-scenario-'));
  const scenario = JSON.parse(fs.readFileSync(path.join(DEMO, 'screen-share.json'), 'utf8'));
  fs.writeFileSync(
    path.join(elsewhere, 'my-room.json'),
    JSON.stringify({ ...scenario, description: 'a room of my own' }),
  );
});

afterAll(async () => {
  await emulator.stop();
  fs.rmSync(elsewhere, { recursive: true, force: true });
});

interface Listed {
  readonly name: string;
  readonly description: string;
  readonly running: boolean;
}

async function listed(): Promise<Listed[]> {
  const res = await fetch(`${emulator.httpUrl}api/scenarios`);
  return ((await res.json()) as { scenarios: Listed[] }).scenarios;
}

const running = async (): Promise<string[]> =>
  (await listed()).filter((s) => s.running).map((s) => s.name);

test('a file from the scenario folder is listed as running, and stops from the API', async () => {
  emulator.runScenarioFile(path.join(DEMO, 'demo-room.json'));
  expect(await running()).toEqual(['demo-room']);
  const res = await fetch(`${emulator.httpUrl}api/scenarios/demo-room`, { method: 'DELETE' });
  expect(res.status).toBe(200);
  expect(await running()).toEqual([]);
});

test('a file from elsewhere is listed too, under its file name', async () => {
  emulator.runScenarioFile(path.join(elsewhere, 'my-room.json'));
  expect((await listed()).find((s) => s.name === 'my-room')).toEqual({
    name: 'my-room',
    description: 'a room of my own',
    running: true,
  });
  expect(await running()).toEqual(['my-room']);
  await fetch(`${emulator.httpUrl}api/scenarios/my-room`, { method: 'DELETE' });
  expect(await running()).toEqual([]);
});
