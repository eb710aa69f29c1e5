// The emulator's web console in a real browser (test/fakes/chromium.ts: the system Chromium, or
// the one npm install brings) driven by playwright-core. Open
// the console, add a bot, see it listed, let a real client enter, inject a disconnect on it from
// the page, see it in the live event log, and save a screenshot.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningEmulator } from '../emulator/index';
import { startEmulator } from '../emulator/index';
import { launchChromium } from './fakes/chromium';
import type { TestClient } from './fakes/emulator-client';
import { enterFrame, isHello, isPusherCode, openClient } from './fakes/emulator-client';

const SCREENSHOT = path.join(os.tmpdir(), 'trtc-room-emulator-console.png');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

jest.setTimeout(60_000);

let emulator: RunningEmulator;
let browser: Browser;
let page: Page;
let client: TestClient | undefined;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tickMs: 250 });
  ({ browser } = await launchChromium());
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
});

afterAll(async () => {
  client?.socket.terminate();
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
