// A rendered miniprogram-simulate tree (the harness's `room.comp`, a demo page, any node of them),
// frozen into a plain tree that html.ts turns into a page for any screen width.
//
// The jsdom DOM miniprogram-simulate renders has the right structure and the prefixed classes
// (`trtc-room--badge`), but not everything a screenshot needs: ids, form values and the native
// nodes' attributes live on the exparser nodes behind it, and inline styles were converted at
// 1 rpx = 1 px. So the tree is walked twice: the exparser tree (composed, slots resolved) for each
// element's template attributes and for the components whose WXSS applies, then the DOM for
// structure, classes and text.
import fs from 'node:fs';
import path from 'node:path';

/** One element of a snapshot. `style` is the inline style as the template wrote it (rpx kept). */
export interface SnapElement {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly style: string;
  readonly children: readonly SnapNode[];
}

export type SnapNode = SnapElement | string;

/** A WXSS file that applies to the snapshot: its component's class prefix and tag. */
export interface StyleSource {
  readonly file: string;
  readonly prefix: string;
  readonly host: string;
}

export interface Snapshot {
  readonly root: SnapElement;
  /** The root is a page (snapshot(..., { app })): it is laid out as the page, not sized. */
  readonly page: boolean;
  /** In the order they apply: outer components first (a page, then what it uses). */
  readonly styles: readonly StyleSource[];
}

// ---- the parts of exparser, j-component and jsdom used here (the test tsconfig has no DOM lib) ----

interface DomNode {
  readonly nodeType: number;
  readonly nodeValue: string | null;
  readonly childNodes: ArrayLike<DomNode>;
}

interface DomElement extends DomNode {
  readonly tagName: string;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
}

interface ExparserNode {
  readonly is?: string;
  readonly id?: string;
  readonly $$?: DomNode;
  readonly _vt?: { readonly attrs?: readonly { readonly name: string; readonly value: unknown }[] };
  readonly __wxSlotChildren?: readonly ExparserNode[];
}

interface ComponentManager {
  readonly path: string | null;
  readonly definition: { readonly options?: { readonly classPrefix?: string } };
}

interface JComponentUtils {
  cache(id: string): ComponentManager | null | undefined;
}

/** Anything miniprogram-simulate returns for a node: a Rendered, a querySelector() result. */
export type SimulatedNode = object;

const utils = jest.requireActual<JComponentUtils>('j-component/src/tool/utils');

const ELEMENT = 1;
const TEXT = 3;

/** Attributes the template wrote that a screenshot or a check needs (besides class and data-*). */
const KEPT: Readonly<Record<string, readonly string[]>> = {
  'wx-input': ['value', 'placeholder', 'password', 'type', 'disabled'],
  'wx-textarea': ['value', 'placeholder', 'disabled'],
  'wx-button': ['type', 'size', 'plain', 'disabled', 'loading'],
  'wx-image': ['src', 'mode'],
  'wx-live-pusher': ['enable-camera', 'mode', 'device-position', 'local-mirror'],
  'wx-live-player': ['mute-video', 'object-fit', 'orientation', 'mode'],
};

const dashed = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function exparserOf(node: SimulatedNode): ExparserNode {
  const inner = (node as { _exparserNode?: ExparserNode })._exparserNode;
  if (inner === undefined) throw new Error('not a miniprogram-simulate node (no _exparserNode)');
  return inner;
}

function absolute(file: string): string {
  return path.isAbsolute(file) ? file : `/${file}`;
}

interface Walked {
  readonly byDom: Map<DomNode, ExparserNode>;
  /** The folder of the component whose template holds each element (relative image paths). */
  readonly folderOf: Map<DomNode, string>;
  readonly styles: StyleSource[];
  /** The root component's file (without extension), when it has one. */
  readonly rootFile: string | undefined;
  /**
   * The root is a component loaded from a definition object, not from files
   * (`simulate.load({ template, usingComponents })`, the harness's defineParent): a test's
   * stand-in for a page, with no WXSS of its own.
   */
  readonly rootInline: boolean;
}

function walkExparser(root: ExparserNode): Walked {
  const byDom = new Map<DomNode, ExparserNode>();
  const folderOf = new Map<DomNode, string>();
  const styles: StyleSource[] = [];
  const seen = new Set<string>();
  let rootFile: string | undefined;
  const rootManager = root.is === undefined ? undefined : utils.cache(root.is);
  const rootInline = rootManager !== null && rootManager !== undefined && !rootManager.path;
  const visit = (node: ExparserNode, folder: string): void => {
    let inside = folder;
    const dom = node.$$;
    if (dom !== undefined && dom.nodeType === ELEMENT) {
      byDom.set(dom, node);
      folderOf.set(dom, folder);
      const manager = node.is === undefined ? undefined : utils.cache(node.is);
      if (manager?.path) {
        rootFile ??= absolute(manager.path);
        inside = path.dirname(absolute(manager.path));
        const file = `${absolute(manager.path)}.wxss`;
        const prefix = manager.definition.options?.classPrefix ?? '';
        const host = (dom as DomElement).tagName.toLowerCase();
        const key = `${file}|${prefix}|${host}`;
        if (!seen.has(key) && fs.existsSync(file)) {
          seen.add(key);
          styles.push({ file, prefix, host });
        }
      }
    }
    for (const child of node.__wxSlotChildren ?? []) visit(child, inside);
  };
  visit(root, '');
  return { byDom, folderOf, styles, rootFile, rootInline };
}

function templateAttrs(node: ExparserNode | undefined): Map<string, unknown> {
  const attrs = new Map<string, unknown>();
  for (const { name, value } of node?._vt?.attrs ?? []) attrs.set(dashed(name), value);
  return attrs;
}

function stringOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

interface FreezeContext extends Walked {
  /** Where '/...' paths start (the mini-program's root). */
  readonly root: string;
}

/** The file an <image src> names, or undefined (a URL, or nothing). */
function imageFile(src: string, folder: string, root: string): string | undefined {
  if (src === '' || /^[a-z][-a-z0-9+.]*:/i.test(src)) return undefined;
  return src.startsWith('/') ? path.join(root, src) : path.resolve(folder, src);
}

function freeze(dom: DomNode, context: FreezeContext): SnapNode | undefined {
  const { byDom } = context;
  if (dom.nodeType === TEXT) return dom.nodeValue ?? '';
  if (dom.nodeType !== ELEMENT) return undefined;
  const element = dom as DomElement;
  const tag = element.tagName.toLowerCase();
  const exparser = byDom.get(dom);
  const template = templateAttrs(exparser);
  const attrs: Record<string, string> = {};
  for (const { name, value } of Array.from(element.attributes)) {
    if (name !== 'style') attrs[name] = value;
  }
  if (exparser?.id) attrs['id'] = exparser.id;
  const rawClass = template.get('class');
  if (typeof rawClass === 'string' && rawClass.trim() !== '') {
    attrs['data-wx-class'] = rawClass.trim().replace(/\s+/g, ' ');
  }
  for (const name of KEPT[tag] ?? []) {
    const value = template.get(name);
    if (value !== undefined && value !== null) attrs[name] = stringOf(value);
  }
  if (tag === 'wx-image' && attrs['src'] !== undefined) {
    const file = imageFile(attrs['src'], context.folderOf.get(dom) ?? context.root, context.root);
    if (file !== undefined) attrs['data-px-file'] = file;
  }
  const hidden = template.get('hidden');
  if (hidden === true || hidden === 'true' || hidden === '') attrs['hidden'] = '';
  // The inline style as written (rpx and all); without one from the template (a component's
  // host, styled by its parent), the DOM's.
  const domStyle = Array.from(element.attributes).find((a) => a.name === 'style')?.value ?? '';
  const style = template.has('style') ? stringOf(template.get('style')) : domStyle;
  const children: SnapNode[] = [];
  for (const child of Array.from(dom.childNodes)) {
    const frozen = freeze(child, context);
    if (frozen !== undefined) children.push(frozen);
  }
  return { tag, attrs, style, children };
}

/**
 * Freezes a rendered node and everything under it. Take it while the component is attached (before
 * cleanupComponents); the snapshot does not change afterwards.
 */
export function snapshot(node: SimulatedNode, options: SnapshotOptions = {}): Snapshot {
  const exparser = exparserOf(node);
  const dom = (node as { dom?: DomNode }).dom;
  if (dom === undefined || dom.nodeType !== ELEMENT) throw new Error('the node has no DOM element');
  const walked = walkExparser(exparser);
  const { styles, rootFile, rootInline } = walked;
  const base =
    options.root ?? (rootFile === undefined ? process.cwd() : path.dirname(path.dirname(rootFile)));
  const root = freeze(dom, { ...walked, root: base });
  if (root === undefined || typeof root === 'string') throw new Error('nothing to snapshot');
  if (options.app !== undefined) {
    // app.wxss applies to every page, with the page's class prefix.
    const page = styles[0];
    if (page === undefined || page.host !== root.tag) {
      throw new Error('`app` is for a page: the snapshot root is not a component with a .wxss');
    }
    styles.unshift({ ...page, file: options.app });
  }
  // A parent defined inline is laid out as the page it stands in for, not sized to the viewport:
  // sized, a `height: 100%` in it (the :host of <trtc-room>, <trtc-pusher>, <trtc-player>) would
  // be the whole screen, where on the phone it is a percentage of the page's auto height.
  const page = options.app !== undefined || (options.page ?? rootInline);
  return { root, styles, page };
}

export interface SnapshotOptions {
  /** The app.wxss when the node is a page (a demo page): it applies to the page. */
  readonly app?: string;
  /**
   * The node is a page without an app.wxss. Default: true when the node is a component loaded
   * from a definition object (the harness's defineParent), false otherwise.
   */
  readonly page?: boolean;
  /**
   * Where image paths starting with '/' start: the mini-program's root (miniprogram-simulate's
   * rootPath). Default: the folder above the root component's folder.
   */
  readonly root?: string;
}

// ---- reading a snapshot ---------------------------------------------------------------------------

/** Every element of a snapshot, depth first. */
export function elementsOf(root: SnapElement): SnapElement[] {
  const out: SnapElement[] = [];
  const walk = (node: SnapNode): void => {
    if (typeof node === 'string') return;
    out.push(node);
    node.children.forEach(walk);
  };
  walk(root);
  return out;
}
