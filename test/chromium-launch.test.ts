// The browser tests need no Chromium installed by hand: without a system one they launch the
// Chromium that npm install brings (@sparticuz/chromium). TRTC_TEST_CHROMIUM=bundled forces that
// path here, so it is proven on machines that do have a system Chromium too.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chooseChromium, launchChromium, SYSTEM_CHROMIUM_PATHS } from './fakes/chromium';

jest.setTimeout(120_000);

describe('chooseChromium', () => {
  const none = () => false;
  const only = (file: string) => (candidate: string) => candidate === file;

  it('takes the system Chromium when there is one', () => {
    expect(chooseChromium(undefined, only(SYSTEM_CHROMIUM_PATHS[0]!))).toEqual({
      kind: 'system',
      executablePath: SYSTEM_CHROMIUM_PATHS[0],
    });
  });

  it('falls back to the bundled Chromium when there is none', () => {
    expect(chooseChromium(undefined, none)).toEqual({ kind: 'bundled' });
    expect(chooseChromium('', none)).toEqual({ kind: 'bundled' });
  });

  it('uses the bundled one when told to, even next to a system Chromium', () => {
    expect(chooseChromium('bundled', () => true)).toEqual({ kind: 'bundled' });
  });

  it('refuses `system` when there is none, saying how to go on', () => {
    expect(() => chooseChromium('system', none)).toThrow(/Unset it to use the Chromium/);
  });

  it('takes a path to an executable, and refuses one that is missing', () => {
    expect(chooseChromium('/opt/chrome', only('/opt/chrome'))).toEqual({
      kind: 'system',
      executablePath: '/opt/chrome',
    });
    expect(() => chooseChromium('/opt/chrome', none)).toThrow(/no such file/);
  });
});

test('the bundled Chromium renders a local page and takes a screenshot', async () => {
  const server = http.createServer((_, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(
      '<title>probe</title><div id="box" style="width:40px;height:30px;background:#0a0"></div>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const { browser, choice } = await launchChromium('bundled');
  try {
    expect(choice.kind).toBe('bundled');
    const page = await browser.newPage({ viewport: { width: 200, height: 100 } });
    await page.goto(`http://127.0.0.1:${port}/`);
    expect(await page.title()).toBe('probe');
    const box = await page.locator('#box').boundingBox();
    expect(box).toMatchObject({ width: 40, height: 30 });
    const png = await page.screenshot();
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  } finally {
    await browser.close();
    server.close();
  }
});
