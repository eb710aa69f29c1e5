// A snapshot (snapshot.ts) as an HTML page that looks like the phone at one screen size: the WXSS
// of its components compiled for that width (wxss.ts), WeChat's base styles for its built-in tags,
// the npm fonts (fonts.ts), and a deterministic "video" fill (a flat colour per node id, the id written small in the middle) where the native <live-pusher> and
// <live-player> would draw (they have no pixels of their own outside a phone).
//
// With `frame`, the page sits under WeChat's chrome, as a page does on the phone: the status bar,
// the navigation bar with its title and WeChat's capsule (the ··· / ◎ buttons, always there at the
// top right), and the home indicator on phones without a home button. The page itself is then an
// <iframe> of the window's size, so `100vh` means the window's height as in WeChat.
import type { SnapNode, Snapshot } from './snapshot';
import { FONT_STACK } from './fonts';
import type { Platform, SafeArea, WxssTarget } from './wxss';
import { compileInlineStyle, compileWxssFile } from './wxss';

export interface Device {
  /** Used in file names: '375x667'. */
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** Default 2 (screenshots are 2× the CSS size). */
  readonly dpr?: number;
  /** Default 'ios': 0.5 px for rpx values below 1 px. */
  readonly platform?: Platform;
  /** The status bar's height (the top safe-area inset). */
  readonly statusBar: number;
  /** The home indicator's height (the bottom safe-area inset). */
  readonly homeIndicator: number;
}

/** iPhone 8 size. */
export const PHONE: Device = {
  name: '375x667',
  width: 375,
  height: 667,
  statusBar: 20,
  homeIndicator: 0,
};
/** iPhone 11 / XR size: a notch and a home indicator. */
export const PHONE_LARGE: Device = {
  name: '414x896',
  width: 414,
  height: 896,
  statusBar: 44,
  homeIndicator: 34,
};
/** iPad mini portrait. */
export const TABLET: Device = {
  name: '768x1024',
  width: 768,
  height: 1024,
  statusBar: 20,
  homeIndicator: 0,
};

export const DEVICES: readonly Device[] = [PHONE, PHONE_LARGE, TABLET];

/** WeChat's navigation bar (page JSON `navigationBarTitleText`, app.json `window`). */
export interface NavigationFrame {
  readonly title: string;
  /** Default '#000000'. */
  readonly background?: string;
  /** Default 'white'. */
  readonly textStyle?: 'white' | 'black';
  /** A back arrow (any page but the first). */
  readonly back?: boolean;
}

export interface HtmlOptions {
  /** WeChat's chrome around the page; without it the snapshot fills the viewport. */
  readonly frame?: NavigationFrame;
  /**
   * Extra CSS for the snapshot's root (a component's host), e.g. 'height: 100vh' so a bare
   * <trtc-room> fills the screen as a page's `style="height: 100vh"` would. Default: a root that
   * is not a page gets 'display: block; height: 100vh'.
   */
  readonly rootStyle?: string;
  /** The safe-area insets env() reports; default: with a frame, the home indicator at the bottom. */
  readonly safeArea?: Partial<SafeArea>;
}

/** The window (below the navigation bar) a page gets on this device. */
export function windowOf(
  device: Device,
  options: HtmlOptions = {},
): { width: number; height: number } {
  const chrome = options.frame === undefined ? 0 : device.statusBar + NAVIGATION_BAR;
  return { width: device.width, height: device.height - chrome };
}

const NAVIGATION_BAR = 44;

// WeChat's styles for its built-in tags, as the WebView renders them (style v2 for buttons).
const BASE_CSS = `
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
html, body { margin: 0; padding: 0; }
html { height: 100%; }
body { min-height: 100%; font-family: ${FONT_STACK}; font-size: 16px; color: #000; background: #fff;
  -webkit-font-smoothing: antialiased; }
* { -webkit-tap-highlight-color: transparent; }
[hidden] { display: none !important; }
wx-view, wx-scroll-view, wx-swiper, wx-swiper-item, wx-cover-view, wx-movable-area, wx-form,
wx-navigator, wx-rich-text, wx-web-view, wx-page-meta { display: block; }
wx-scroll-view { overflow: auto; }
wx-text, wx-label { display: inline; }
wx-image { display: inline-block; position: relative; overflow: hidden; width: 320px; height: 240px; }
wx-image > px-img { position: absolute; left: 0; top: 0; width: 100%; height: 100%;
  background-repeat: no-repeat; background-position: center; }
wx-image > px-img[data-px-missing] { background: #8e8e93; }
wx-icon { display: inline-block; }
wx-input { display: block; height: 1.4rem; min-height: 1.4rem; overflow: hidden;
  white-space: nowrap; text-overflow: clip; cursor: auto; }
wx-input > px-value { display: flex; align-items: center; height: 100%; white-space: pre; }
wx-input > px-value[data-placeholder] { color: #808080; }
wx-textarea { display: block; width: 300px; height: 150px; overflow: hidden; white-space: pre-wrap; }
wx-textarea > px-value[data-placeholder] { color: #808080; }
wx-button { position: relative; display: block; width: 184px; margin-left: auto; margin-right: auto;
  padding: 12px 24px; box-sizing: border-box; font-size: 17px; font-weight: 700;
  line-height: 1.41176471; text-align: center; text-decoration: none; border-radius: 8px;
  overflow: hidden; color: #06ae56; background-color: #f2f2f2; }
wx-button[type="primary"] { color: #fff; background-color: #07c160; }
wx-button[type="warn"] { color: #fa5151; }
wx-button[size="mini"] { display: inline-block; width: auto; padding: 0 12px; font-size: 13px;
  line-height: 2.3; }
wx-button[disabled] { opacity: 0.4; }
wx-live-player, wx-video { display: inline-block; position: relative; width: 300px; height: 225px;
  overflow: hidden; }
wx-live-pusher { display: block; position: relative; width: 100%; overflow: hidden; }
wx-camera { display: block; width: 100%; height: 225px; }
[data-px-video] { background: hsl(var(--px-hue) 38% 30%); }
[data-px-video][data-px-dark] { background: #000; }
[data-px-video]::after { content: attr(data-px-video); position: absolute; left: 0; right: 0;
  top: 50%; margin-top: -6px; font: 500 10px/12px ${FONT_STACK}; text-align: center;
  color: rgba(255, 255, 255, 0.45); white-space: nowrap; pointer-events: none; }
`;

/** <image mode> → background-size. */
const IMAGE_MODES: Readonly<Record<string, string>> = {
  scaleToFill: '100% 100%',
  aspectFit: 'contain',
  aspectFill: 'cover',
  widthFix: '100% auto',
  heightFix: 'auto 100%',
};

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** A stable hue per native node id. */
function hueOf(id: string): number {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  return (hash >>> 0) % 360;
}

function isOff(value: string | undefined): boolean {
  return value === 'false' || value === '0';
}

function serialize(node: SnapNode, target: WxssTarget, rootStyle: string, isRoot: boolean): string {
  if (typeof node === 'string') return escapeText(node);
  const attrs: Record<string, string> = { ...node.attrs };
  let style = node.style === '' ? '' : compileInlineStyle(node.style, target);
  if (isRoot && rootStyle !== '') style = `${rootStyle}; ${style}`;
  let inner = node.children.map((child) => serialize(child, target, rootStyle, false)).join('');
  if (node.tag === 'wx-live-pusher' || node.tag === 'wx-live-player') {
    const id = attrs['id'] ?? node.tag.slice(3);
    attrs['data-px-video'] = id;
    style = `--px-hue: ${hueOf(id)}; ${style}`;
    const dark =
      node.tag === 'wx-live-pusher'
        ? isOff(attrs['enable-camera'])
        : attrs['mute-video'] === 'true';
    if (dark) attrs['data-px-dark'] = '';
  }
  if (node.tag === 'wx-image') {
    // WeChat draws an image as its element's background, sized by `mode`.
    const file = attrs['data-px-file'];
    const url = file === undefined ? (attrs['src'] ?? '') : `/files${encodeURI(file)}`;
    const size = IMAGE_MODES[attrs['mode'] ?? 'scaleToFill'] ?? '100% 100%';
    inner =
      url === '' || (/^https?:/.test(url) && file === undefined)
        ? '<px-img data-px-missing></px-img>'
        : `<px-img style="background-image: url(&quot;${escapeAttr(url)}&quot;); background-size: ${size}"></px-img>`;
  }
  if (node.tag === 'wx-input' || node.tag === 'wx-textarea') {
    // A form field's value (or placeholder) drawn as text: the DOM has neither.
    const value = attrs['value'] ?? '';
    const shown = attrs['password'] === 'true' ? '•'.repeat(value.length) : value;
    inner =
      shown !== ''
        ? `<px-value>${escapeText(shown)}</px-value>`
        : `<px-value data-placeholder>${escapeText(attrs['placeholder'] ?? '')}</px-value>`;
  }
  if (style !== '') attrs['style'] = style;
  const attrText = Object.entries(attrs)
    .map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeAttr(value)}"`))
    .join('');
  return `<${node.tag}${attrText}>${inner}</${node.tag}>`;
}

/** The compiled CSS of a snapshot's components for this device. */
export function snapshotCss(
  snap: Snapshot,
  device: Device,
  safeArea: Partial<SafeArea> = {},
): string {
  return snap.styles
    .map((source) =>
      compileWxssFile(source.file, {
        prefix: source.prefix,
        host: source.host,
        width: device.width,
        dpr: device.dpr ?? 2,
        platform: device.platform ?? 'ios',
        safeArea,
        fontFamily: FONT_STACK,
      }),
    )
    .join('\n');
}

function document(head: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

/** The page's own document (what goes into the frame, or the whole page without one). */
function pageDocument(snap: Snapshot, device: Device, options: HtmlOptions): string {
  const safeArea =
    options.safeArea ?? (options.frame === undefined ? {} : { bottom: device.homeIndicator });
  const target: WxssTarget = {
    prefix: '',
    host: snap.root.tag,
    width: device.width,
    dpr: device.dpr ?? 2,
    platform: device.platform ?? 'ios',
    safeArea,
    fontFamily: FONT_STACK,
  };
  const rootStyle =
    options.rootStyle ?? (snap.page ? 'display: block' : 'display: block; height: 100vh');
  const head =
    '<link rel="stylesheet" href="/fonts.css">' +
    `<style>${BASE_CSS}</style>` +
    `<style>${snapshotCss(snap, device, safeArea)}</style>`;
  return document(head, serialize(snap.root, target, rootStyle, true));
}

const CHROME_CSS = `
html, body { margin: 0; padding: 0; overflow: hidden; background: #000;
  font-family: ${FONT_STACK}; -webkit-font-smoothing: antialiased; }
px-status, px-nav { position: absolute; left: 0; right: 0; display: flex; align-items: center; }
px-status { top: 0; justify-content: center; font-size: 12px; font-weight: 600; }
px-nav { justify-content: center; font-size: 17px; font-weight: 600; }
px-back { position: absolute; left: 8px; top: 0; bottom: 0; display: flex; align-items: center;
  font-size: 30px; font-weight: 300; }
px-capsule { position: absolute; right: 7px; width: 87px; height: 32px; box-sizing: border-box;
  border-radius: 16px; border: 0.5px solid currentColor; display: flex; align-items: center;
  opacity: 0.8; }
px-capsule > span { flex: 1; text-align: center; font-size: 14px; line-height: 30px; }
px-capsule > i { width: 0.5px; height: 18px; background: currentColor; opacity: 0.5; }
iframe { position: absolute; left: 0; border: 0; display: block; }
px-home { position: absolute; bottom: 8px; left: 50%; width: 134px; height: 5px; margin-left: -67px;
  border-radius: 3px; background: rgba(128, 128, 128, 0.8); pointer-events: none; }
`;

/** The HTML of a snapshot at this device's size. */
export function snapshotHtml(snap: Snapshot, device: Device, options: HtmlOptions = {}): string {
  const inner = pageDocument(snap, device, options);
  const frame = options.frame;
  if (frame === undefined) return inner;
  const color = (frame.textStyle ?? 'white') === 'white' ? '#fff' : '#000';
  const background = frame.background ?? '#000000';
  const top = device.statusBar + NAVIGATION_BAR;
  const window = windowOf(device, options);
  const body =
    `<px-status style="height:${device.statusBar}px;background:${escapeAttr(background)};color:${color}">9:41</px-status>` +
    `<px-nav style="top:${device.statusBar}px;height:${NAVIGATION_BAR}px;background:${escapeAttr(background)};color:${color}">` +
    (frame.back ? '<px-back>‹</px-back>' : '') +
    `${escapeText(frame.title)}` +
    `<px-capsule style="top:6px"><span>···</span><i></i><span>◎</span></px-capsule></px-nav>` +
    `<iframe id="px-page" style="top:${top}px;width:${window.width}px;height:${window.height}px" srcdoc="${escapeAttr(inner)}"></iframe>` +
    (device.homeIndicator > 0 ? '<px-home></px-home>' : '');
  return document(`<style>${CHROME_CSS}</style>`, body);
}
