// The emulator's web console in a real browser (test/fakes/chromium.ts: the system Chromium, or
// the one npm install brings) driven by playwright-core. Open
// the console, add a bot, see it listed, let a real client enter, inject a disconnect on it from
// the page, see it in the live event log, and save a screenshot. Then the Calls card: add a call
// bot, ring a CallClient from it, see the call connect and hang it up, change what the bot does
// when rung, and save a second screenshot. Then the Traces card: traces POSTed to /api/traces
// listed with a download link, Replay (armed for the next client, shown until cancelled or taken)
// and Delete, and a third screenshot.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningEmulator } from '../emulator/index';
import { startEmulator } from '../emulator/index';
import { launchChromium } from './fakes/chromium';
import type { TestClient } from './fakes/emulator-client';
import { enterFrame, isHello, isPusherCode, openClient } from './fakes/emulator-client';
import { CallClient } from '../src/core/call/call-client';
import type { CallEnd } from '../src/core/call/call-events';
import type { EmulatorSignaling } from '../src/core/emulator/client';
import { emulatorSignaling } from '../src/core/emulator/client';
import { devUserSig, wsSockets } from './fakes/chat-relay-client';
import type { EmulatorCallRoom } from './fakes/emulator-call-room';
import { emulatorCallRoom } from './fakes/emulator-call-room';

const SCREENSHOT = path.join(os.tmpdir(), 'trtc-room-emulator-console.png');
const CALLS_SCREENSHOT = path.join(os.tmpdir(), 'trtc-room-emulator-console-calls.png');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

jest.setTimeout(60_000);

let emulator: RunningEmulator;
let browser: Browser;
let page: Page;
let client: TestClient | undefined;
let erin: { client: CallClient; room: EmulatorCallRoom; signaling: EmulatorSignaling } | undefined;
const sockets = wsSockets();

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tickMs: 250 });
  ({ browser } = await launchChromium());
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
});

afterAll(async () => {
  client?.socket.terminate();
  erin?.signaling.close();
  await erin?.client.destroy().catch(() => {});
  erin?.room.close();
  for (const socket of sockets.sockets) socket.terminate();
  await browser?.close();
  await emulator?.stop();
});

const participant = (userId: string, kind: string) =>
  page.locator(`[data-testid="participant"][data-user-id="${userId}"][data-kind="${kind}"]`);

it('adds a bot, shows a client and injects a disconnect that the log shows', async () => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(emulator.httpUrl);
  await page.locator('[data-testid="connection"][data-state="live"]').waitFor();

  await page.locator('#room-input').fill('1234');
  await page.locator('#room-open').click();
  await page.locator('[data-testid="room-title"]', { hasText: '1400000001:1234' }).waitFor();

  await page.locator('#bot-user-id').fill('robo');
  await page.locator('[data-testid="add-bot"]').click();
  await participant('robo', 'bot').waitFor();
  expect(emulator.hub.room('1400000001:1234')?.participants.map((p) => p.userId)).toEqual(['robo']);
  await page.locator('[data-testid="room-item"][data-key="1400000001:1234"]').waitFor();

  await participant('robo', 'bot').locator('[data-testid="action-camera"]').click();
  await participant('robo', 'bot')
    .locator('.chip[data-on="false"]', { hasText: 'camera' })
    .waitFor();

  client = await openClient(emulator.wsUrl);
  await client.next(isHello);
  client.send(enterFrame({ userId: 'dave', roomId: 1234 }));
  await client.next(isPusherCode(1018));
  await participant('dave', 'client').waitFor();

  await participant('dave', 'client').locator('[data-testid="fault-disconnect"]').click();
  await client.next(isPusherCode(1102));
  await client.next(isPusherCode(-1307));
  await page
    .locator('[data-testid="log-entry"][data-kind="fault"][data-user-id="dave"]', {
      hasText: 'disconnect',
    })
    .waitFor();
  await participant('dave', 'client').waitFor({ state: 'detached' });

  // The client recovers as the library does: it enters again.
  client.send(enterFrame({ userId: 'dave', roomId: 1234 }));
  await participant('dave', 'client').waitFor();
  await page.locator('[data-testid="stats"]', { hasText: '1 room · 1 client' }).waitFor();

  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  console.log(`emulator console screenshot: ${SCREENSHOT}`);
  const png = fs.readFileSync(SCREENSHOT);
  expect(png.length).toBeGreaterThan(PNG_SIGNATURE.length);
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(errors).toEqual([]);
});

const callBot = (userId: string) =>
  page.locator(`[data-testid="call-bot"][data-user-id="${userId}"]`);

it('adds a call bot, rings a user from it, shows the call and hangs up', async () => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(emulator.httpUrl);
  await page.locator('[data-testid="connection"][data-state="live"]').waitFor();

  await page.locator('#call-bot-user-id').fill('robo');
  await page.locator('#call-bot-answer').selectOption('accept');
  await page.locator('#call-bot-after').fill('100');
  await page.locator('[data-testid="add-call-bot"]').click();
  await callBot('robo').locator('[data-testid="call-state"]', { hasText: 'idle' }).waitFor();
  expect(emulator.hub.callBots.get('robo')).toMatchObject({ answer: 'accept', afterMs: 100 });

  // A mini-program user on the relay, with its call room on the emulator.
  const signaling = emulatorSignaling({
    url: emulator.chatUrl,
    userId: 'erin',
    userSig: devUserSig('erin'),
    connect: sockets,
  });
  await signaling.ready();
  const room = emulatorCallRoom(emulator.wsUrl, 'erin');
  erin = { client: new CallClient({ userId: 'erin', signaling, room }), room, signaling };
  const incoming = new Promise((resolve) => erin!.client.on('incoming', resolve));

  await page.locator('[data-testid="relay-user"][data-user-id="erin"]').click();
  await expect(page.locator('#ring-to').inputValue()).resolves.toBe('erin');
  await page.locator('#ring-from').selectOption('robo');
  await page.locator('[data-testid="ring"]').click();
  await callBot('robo').locator('[data-testid="call-state"]', { hasText: 'dialing' }).waitFor();
  await incoming;
  await erin.client.accept();
  await callBot('robo').locator('[data-testid="call-state"]', { hasText: 'connected' }).waitFor();
  await callBot('robo')
    .locator('[data-testid="call-now"]', { hasText: 'In a video call, room 1400000001:' })
    .waitFor();
  await page.locator('[data-testid="log-entry"][data-kind="signal"]').first().waitFor();

  await page.locator('#calls-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: CALLS_SCREENSHOT, fullPage: true });
  console.log(`emulator console screenshot (calls): ${CALLS_SCREENSHOT}`);

  const ended = new Promise<CallEnd>((resolve) => erin!.client.on('ended', resolve));
  await callBot('robo').locator('[data-testid="call-bot-hangup"]').click();
  expect(await ended).toMatchObject({ reason: 'remote-left' });
  await callBot('robo')
    .locator('[data-testid="call-history"] li', { hasText: 'hung up' })
    .waitFor();

  // Now it declines: erin rings it and hears so.
  await callBot('robo').locator('[data-testid="call-bot-policy"]').selectOption('decline');
  await callBot('robo')
    .locator('[data-testid="call-bot-policy"]', { hasText: 'declines' })
    .waitFor();
  for (let i = 0; i < 100 && emulator.hub.callBots.get('robo').answer !== 'decline'; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(emulator.hub.callBots.get('robo').answer).toBe('decline');
  const declined = new Promise<CallEnd>((resolve) => erin!.client.on('ended', resolve));
  await erin.client.call(['robo']);
  expect(await declined).toMatchObject({ reason: 'declined' });
  await callBot('robo')
    .locator('[data-testid="call-history"] li', { hasText: 'declined' })
    .waitFor();

  expect(fs.readFileSync(CALLS_SCREENSHOT).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(errors).toEqual([]);
});

const TRACES_SCREENSHOT = path.join(os.tmpdir(), 'trtc-room-emulator-console-traces.png');

it('lists POSTed traces in the Traces card, with a download link, Replay and Delete', async () => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(emulator.httpUrl);
  await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
  await page.locator('#no-traces').waitFor();

  const file = path.join(__dirname, 'traces/synthetic-android-reconnect.json');
  const trace = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const post = (body: unknown) =>
    fetch(`${emulator.httpUrl}api/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((res) => res.json() as Promise<{ id: string }>);
  const first = await post(trace);
  const second = await post({
    ...trace,
    name: 'pixel-7-reconnect',
    synthetic: false,
    platform: { host: 'wx', system: { brand: 'google', model: 'Pixel 7', platform: 'android' } },
  });

  const item = (id: string) => page.locator(`[data-testid="trace"][data-id="${id}"]`);
  await item(second.id).waitFor();
  await item(first.id).waitFor();
  await expect(item(second.id).textContent()).resolves.toMatch(/wx · google Pixel 7 android/);
  await expect(item(first.id).textContent()).resolves.toMatch(/synthetic · .*9 entries/);
  const href = await item(first.id).locator('[data-testid="trace-download"]').getAttribute('href');
  expect(href).toBe(`/api/traces/${first.id}`);
  const downloaded = await page.evaluate(async (url) => (await fetch(url)).json(), href!);
  expect(downloaded).toEqual(trace);

  // Replay: armed at the chosen speed and shown until cancelled or a client takes it.
  const armedLine = page.locator('[data-testid="trace-replay-armed"]');
  await page.locator('[data-testid="trace-replay-speed"]').selectOption('0');
  await item(second.id).locator('[data-testid="trace-replay"]').click();
  await armedLine.getByText(`Armed: pixel-7-reconnect (${second.id})`).waitFor();
  await expect(armedLine.textContent()).resolves.toMatch(/no waits: waiting for a client/);
  await page.locator(`[data-testid="trace"][data-id="${second.id}"][data-armed="true"]`).waitFor();
  expect(emulator.hub.replayPending).toMatchObject({
    speed: 0,
    trace: { name: 'pixel-7-reconnect' },
  });

  await page.locator('#traces-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: TRACES_SCREENSHOT, fullPage: true });
  console.log(`emulator console screenshot (traces): ${TRACES_SCREENSHOT}`);

  await page.locator('[data-testid="trace-replay-cancel"]').click();
  await armedLine.waitFor({ state: 'hidden' });
  expect(emulator.hub.replayPending).toBeNull();
  await page.locator('[data-testid="trace-replay-speed"]').selectOption('1');
  await item(first.id).locator('[data-testid="trace-replay"]').click();
  await armedLine.getByText(/as recorded: waiting/).waitFor();
  const taker = await openClient(emulator.wsUrl);
  await taker.next(isHello);
  taker.send(enterFrame({ userId: 'devtools', roomId: 99 }));
  await armedLine.waitFor({ state: 'hidden' });
  expect(emulator.hub.replayPending).toBeNull();
  await taker.close();

  await item(first.id).locator('[data-testid="trace-delete"]').click();
  await item(first.id).waitFor({ state: 'detached' });
  expect(emulator.hub.traces.list().map((t) => t.id)).toEqual([second.id]);
  expect(fs.readFileSync(TRACES_SCREENSHOT).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(errors).toEqual([]);
});
