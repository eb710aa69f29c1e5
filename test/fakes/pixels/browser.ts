// One Chromium (test/fakes/chromium.ts: the system one or @sparticuz/chromium) and one context per
// test file, at device scale factor 2. The bundled Chromium runs as a single process: closing the
// context ends it, so the context stays open and each screenshot gets its page in it.
//
// Playwright cannot load in Jest's jsdom environment (its bundle extends Node classes the jsdom
// global lacks), and the component tests run under Jest's fake clock: a test file that takes
// screenshots runs in test/fakes/pixels/environment.ts, which hands over Node's own `require`, and
// playwright-core is loaded with it, outside Jest's module registry and its fake timers.
//
// Pages load from a server of the test's own on 127.0.0.1 (the page's HTML, the fonts from
// node_modules, the templates' images), with cache headers: Chromium keeps the fonts between shots.
// The pages refer to nothing else, so nothing reaches a network.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { launchChromium as LaunchChromium } from '../chromium';
import type { Device, HtmlOptions } from './html';
import { snapshotHtml } from './html';
import { fontFaceCss, fontFile } from './fonts';
import type { Snapshot } from './snapshot';

type NodeRequire = (id: string) => unknown;

function nodeRequire(): NodeRequire {
  const found = (globalThis as { __pixelsNodeRequire?: NodeRequire }).__pixelsNodeRequire;
  if (found === undefined) {
    throw new Error(
      'screenshots need the pixels test environment: start the test file with the docblock ' +
        '`@jest-environment ./test/fakes/pixels/environment.ts`',
    );
  }
  return found;
}

/** Milliseconds on Node's own clock: Jest's fake clock (the harness's) does not stop it. */
export function realNow(): number {
  const { performance } = nodeRequire()('node:perf_hooks') as { performance: { now(): number } };
  return performance.now();
}

/** launchChromium from test/fakes/chromium.ts, with playwright-core loaded outside Jest. */
async function launch(): Promise<Browser> {
  const outside = nodeRequire();
  jest.doMock('playwright-core', () => outside('playwright-core'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { launchChromium } = require('../chromium') as { launchChromium: typeof LaunchChromium };
  return (await launchChromium()).browser;
}

export interface Shot {
  readonly name: string;
  readonly device: Device;
  readonly png: Buffer;
  /** Where the PNG was written. */
  readonly file: string;
  /** The page, still showing the shot until `close()` (geometry.ts reads its boxes). */
  readonly page: Page;
  /** The frame that holds the snapshot (the page's own frame without chrome). */
  readonly frame: Frame;
  readonly milliseconds: number;
  close(): Promise<void>;
}

export interface ShotOptions extends HtmlOptions {
  /** File name without extension, e.g. 'grid-4'; the device's name is appended. */
  readonly name: string;
}

/** The folder screenshots go to: $PIXELS_DIR, or a fresh folder in the OS temp folder. */
export function shotsFolder(suite: string): string {
  const base = process.env['PIXELS_DIR'] ?? path.join(os.tmpdir(), 'trtc-room-pixels');
  const dir = path.join(base, suite);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

const REPO = path.resolve(__dirname, '../../..');
const TYPES: Readonly<Record<string, string>> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/** `/files/<absolute path>`: an image of the repository (an <image src> of a template). */
function localFile(requestPath: string): { body: Buffer; type: string } | undefined {
  if (!requestPath.startsWith('/files/')) return undefined;
  const file = path.resolve(decodeURI(requestPath.slice('/files'.length)));
  const type = TYPES[path.extname(file).toLowerCase()];
  if (type === undefined || !file.startsWith(REPO + path.sep) || !fs.existsSync(file))
    return undefined;
  return { body: fs.readFileSync(file), type };
}

export class PixelBrowser {
  private sequence = 0;

  private constructor(
    readonly browser: Browser,
    readonly context: BrowserContext,
    private readonly server: http.Server,
    /** The pages' origin: http://127.0.0.1:<port>. */
    readonly origin: string,
    /** Where shots are written. */
    readonly dir: string,
    private readonly documents: Map<string, string>,
  ) {}

  /** Launches Chromium and opens the context; `suite` names the folder shots go to. */
  static async launch(suite: string): Promise<PixelBrowser> {
    const documents = new Map<string, string>();
    const server = http.createServer((request, response) => {
      const answer = (status: number, type: string, body: string | Buffer, cache = false): void => {
        response.writeHead(status, {
          'content-type': type,
          'cache-control': cache ? 'public, max-age=31536000, immutable' : 'no-store',
        });
        response.end(body);
      };
      const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
      const html = documents.get(pathname);
      if (html !== undefined) return answer(200, 'text/html; charset=utf-8', html);
      if (pathname === '/fonts.css')
        return answer(200, 'text/css; charset=utf-8', fontFaceCss(), true);
      const font = fontFile(pathname);
      if (font !== undefined) return answer(200, 'font/woff2', font, true);
      const file = localFile(pathname);
      if (file !== undefined) return answer(200, file.type, file.body);
      return answer(404, 'text/plain', '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const browser = await launch();
      const context = await browser.newContext({
        viewport: { width: 375, height: 667 },
        deviceScaleFactor: 2,
        isMobile: false,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        reducedMotion: 'reduce',
        serviceWorkers: 'block',
      });
      return new PixelBrowser(browser, context, server, origin, shotsFolder(suite), documents);
    } catch (error) {
      server.close();
      throw error;
    }
  }

  /** Renders HTML at the device's size and returns its page, fonts loaded. */
  async open(html: string, device: Device): Promise<{ page: Page; frame: Frame }> {
    this.sequence += 1;
    const address = `/shot-${this.sequence}.html`;
    this.documents.set(address, html);
    const page = await this.context.newPage();
    try {
      await page.setViewportSize({ width: device.width, height: device.height });
      await page.goto(`${this.origin}${address}`, { waitUntil: 'load' });
      const frame = (await (await page.$('iframe#px-page'))?.contentFrame()) ?? page.mainFrame();
      for (const f of new Set([frame, page.mainFrame()])) {
        // Twice: a font can only start loading once the first layout has asked for its glyphs.
        await f.evaluate(async () => {
          const fonts = (
            globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }
          ).document.fonts;
          await fonts.ready;
          await new Promise((resolve) => setTimeout(resolve, 0));
          await fonts.ready;
        });
      }
      return { page, frame };
    } catch (error) {
      await page.close();
      throw error;
    } finally {
      this.documents.delete(address);
    }
  }

  /** Renders a snapshot at the device's size, screenshots it and writes `<name>-<device>.png`. */
  async shoot(snap: Snapshot, device: Device, options: ShotOptions): Promise<Shot> {
    const started = realNow();
    const { page, frame } = await this.open(snapshotHtml(snap, device, options), device);
    const png = await page.screenshot({ type: 'png', animations: 'disabled', caret: 'hide' });
    const name = `${options.name}-${device.name}`;
    const file = path.join(this.dir, `${name}.png`);
    fs.writeFileSync(file, png);
    return {
      name,
      device,
      png,
      file,
      page,
      frame,
      milliseconds: Math.round(realNow() - started),
      close: () => page.close(),
    };
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
