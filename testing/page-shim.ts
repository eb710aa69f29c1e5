// miniprogram-simulate renders components only. While a page loads, a global Page() turns its
// definition into one: data stays data, functions become methods, other fields are copied onto
// the instance; onLoad(query) and onShow run on attached, onReady on ready, onUnload on detached,
// onShow/onHide on the page lifetimes show/hide.

type PageDefinition = Record<string, unknown> & { data?: Record<string, unknown> };
type PageThis = Record<string, unknown> &
  Record<string, ((...args: unknown[]) => unknown) | undefined>;
type ComponentConstructor = (options: Record<string, unknown>) => void;

const call = (page: PageThis, hook: string, ...args: unknown[]): void => {
  const fn = page[hook];
  if (typeof fn === 'function') fn.apply(page, args);
};

/** The Component() options standing for a Page() definition. */
export function pageAsComponent(
  definition: PageDefinition,
  route: string,
  query: Readonly<Record<string, string>>,
): Record<string, unknown> {
  if (typeof definition !== 'object' || definition === null) {
    throw new TypeError(`${route}: Page() takes an object`);
  }
  const methods: Record<string, unknown> = {};
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(definition)) {
    if (key === 'data') continue;
    if (typeof value === 'function') methods[key] = value;
    else fields[key] = value;
  }
  return {
    data: definition.data ?? {},
    methods,
    lifetimes: {
      attached(this: PageThis) {
        Object.assign(this, fields, { route, options: { ...query } });
        call(this, 'onLoad', { ...query });
        call(this, 'onShow');
      },
      ready(this: PageThis) {
        call(this, 'onReady');
      },
      detached(this: PageThis) {
        call(this, 'onUnload');
      },
    },
    pageLifetimes: {
      show(this: PageThis) {
        call(this, 'onShow');
      },
      hide(this: PageThis) {
        call(this, 'onHide');
      },
    },
  };
}

/**
 * Sets the globals Page() (when `page` is given) and Component() (adding `behavior` to every
 * definition) while `load` runs, then puts back what was there.
 */
export function withLoadGlobals<T>(
  behavior: string,
  page: { route: string; query: Readonly<Record<string, string>> } | null,
  load: () => T,
): T {
  const scope = globalThis as Record<string, unknown>;
  const saved = { Page: scope['Page'], Component: scope['Component'] };
  const original = saved.Component;
  if (typeof original !== 'function') {
    throw new Error('miniprogram-simulate did not define Component(): is it loaded?');
  }
  const component: ComponentConstructor = (options) => {
    const behaviors = Array.isArray(options?.['behaviors']) ? options['behaviors'] : [];
    (original as ComponentConstructor)({ ...options, behaviors: [behavior, ...behaviors] });
  };
  let pages = 0;
  scope['Component'] = component;
  if (page !== null) {
    scope['Page'] = (definition: PageDefinition) => {
      pages += 1;
      component(pageAsComponent(definition, page.route, page.query));
    };
  }
  try {
    const result = load();
    if (page !== null && pages !== 1) {
      throw new Error(
        `${page.route}.js called Page() ${pages} times; a page calls it once` +
          (pages === 0 ? ' (pages built with Component() are loaded with openComponent)' : ''),
      );
    }
    return result;
  } finally {
    scope['Page'] = saved.Page;
    scope['Component'] = saved.Component;
  }
}
