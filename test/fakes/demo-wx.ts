// The `wx` APIs the demo pages call (storage, toasts, dialogs, navigation, the title), recorded,
// and a stand-in page instance (data + setData with WeChat's dotted paths) for loading a page
// definition outside miniprogram-simulate.
//
//   const wx = new DemoWx();
//   const page = createPageInstance(definition);   // from Page(definition)
//   page.onLoad({}); wx.named('navigateTo')        // [{ url: '/pages/call/call?...' }]
//
// Callbacks (success / fail, then complete) run on a later microtask, as on a device: the same
// helpers as the FakeHost these APIs extend (fake-host.ts).
import type { Options } from './fake-host';
import { reply, withoutCallbacks } from './fake-host';

export interface DemoWxCall {
  readonly api: string;
  readonly options: Readonly<Record<string, unknown>>;
}

export class DemoWx {
  readonly calls: DemoWxCall[] = [];
  /** What wx storage holds, as JSON text (storage keeps copies, not the objects). */
  readonly storage = new Map<string, string>();
  /** navigateBack fails (no page below: the room page was opened first). */
  noPageBelow = false;

  /** The options of every call to `api`, in order. */
  named(api: string): Record<string, unknown>[] {
    return this.calls.filter((call) => call.api === api).map((call) => ({ ...call.options }));
  }

  /** The page APIs, added to `base` (e.g. a FakeHost's HostApi) where it lacks them. */
  api<T extends object>(base?: T): T & Record<string, (...args: never[]) => unknown> {
    const callback =
      (api: string, failing: () => boolean = () => false) =>
      (options: Options = {}) => {
        this.calls.push({ api, options: withoutCallbacks(options) });
        reply(options, () =>
          failing()
            ? { errMsg: `${api}:fail cannot ${api}` }
            : { success: api === 'showModal' ? { confirm: true, cancel: false } : {} },
        );
      };
    const apis: Record<string, (...args: never[]) => unknown> = {
      getStorageSync: (key: string) => {
        this.calls.push({ api: 'getStorageSync', options: { key } });
        const text = this.storage.get(key);
        return text === undefined ? '' : JSON.parse(text);
      },
      setStorageSync: (key: string, value: unknown) => {
        this.calls.push({ api: 'setStorageSync', options: { key, value } });
        this.storage.set(key, JSON.stringify(value));
      },
      showToast: callback('showToast'),
      showModal: callback('showModal'),
      navigateTo: callback('navigateTo'),
      navigateBack: callback('navigateBack', () => this.noPageBelow),
      reLaunch: callback('reLaunch'),
      setNavigationBarTitle: callback('setNavigationBarTitle'),
    };
    const merged: Record<string, unknown> = { ...(base ?? {}) };
    for (const [name, fn] of Object.entries(apis)) {
      if (!(name in merged)) merged[name] = fn;
    }
    return merged as T & Record<string, (...args: never[]) => unknown>;
  }
}

export type PageDefinition = Record<string, unknown> & { data?: Record<string, unknown> };

export interface PageInstance {
  data: Record<string, unknown>;
  setData(patch: Record<string, unknown>): void;
  [method: string]: unknown;
}

/** `a.b.c` paths as setData takes them (no array indexes: the demo uses none). */
function setPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node[part] = typeof next === 'object' && next !== null ? { ...next } : {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/** A page instance for a Page() definition: its methods bound, data copied, setData. */
export function createPageInstance(definition: PageDefinition): PageInstance {
  const page: PageInstance = {
    data: JSON.parse(JSON.stringify(definition.data ?? {})) as Record<string, unknown>,
    setData(patch) {
      for (const [key, value] of Object.entries(patch)) {
        setPath(page.data, key, JSON.parse(JSON.stringify(value ?? null)) as unknown);
      }
    },
  };
  for (const [key, value] of Object.entries(definition)) {
    if (key !== 'data') page[key] = typeof value === 'function' ? value.bind(page) : value;
  }
  return page;
}

/** A bind:tap / bindinput event as a handler gets it. */
export function pageEvent(
  detail: Record<string, unknown> = {},
  dataset: Record<string, unknown> = {},
): { detail: Record<string, unknown>; currentTarget: { dataset: Record<string, unknown> } } {
  return { detail, currentTarget: { dataset } };
}
