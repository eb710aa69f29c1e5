// trtc-room's Taro 4 build plugin (webpack5, weapp and qq). In config/index.ts:
//   plugins: ['trtc-room/taro/plugin']
//
// 1. Attributes. Taro renders <live-pusher> / <live-player> through its own templates (base.wxml),
//    which carry only the attributes Taro lists: other React props are dropped. trtc-room needs a
//    few more (native-attributes.json). Both halves of Taro learn them, from the same list:
//    - build time: the platform's template (`template.mergeComponents`, what platform plugins
//      use), so base.wxml renders e.g. mute-audio="{{xs.b(i.p12,!1)}}";
//    - run time: runtime.js calls @tarojs/shared's `mergeInternalComponents`. It is added to the
//      platform's runtimePath, so app.js and every independent subpackage page import it before
//      the first render, and the React prop muteAudio maps to the same alias (p12).
//    Both sides derive the aliases from the merged lists (attribute names sorted), so they agree.
//
// 2. The main package's templates. Taro collects the components used anywhere into one set, so
//    the main package's base.wxml (imported by every page) gets <live-pusher> / <live-player>
//    even when only pages of an independent subpackage use them (Taro builds those with a child
//    compiler and their own base.wxml). The plugin records the components the main package's
//    own modules import and rebuilds the main base.wxml without the live components when no
//    main-package module imports them. Put the room pages in an independent subpackage.
const path = require('node:path');
const attributes = require('./native-attributes.json');

const PLUGIN_ID = 'trtc-room/taro/plugin';
const RUNTIME = path.join(__dirname, 'runtime.js').split(path.sep).join('/');
/** The platforms whose templates render <live-pusher> / <live-player>. */
const PLATFORMS = new Set(['weapp', 'qq']);
/** Components kept out of the main package's templates when only independent packages use them. */
const LIVE_COMPONENTS = ['live-pusher', 'live-player'];
const COMPONENTS_REQUEST = '@tarojs/components';

const toDashed = (name) => name.replace(/([a-z\d])([A-Z])/g, '$1-$2').toLowerCase();

/** A fresh copy of the attribute lists, in the shape of Taro's component lists. */
function componentsPatch() {
  return JSON.parse(JSON.stringify(attributes));
}

function withRuntime(runtimePath) {
  const list = Array.isArray(runtimePath) ? runtimePath.slice() : runtimePath ? [runtimePath] : [];
  if (!list.includes(RUNTIME)) list.push(RUNTIME);
  return list;
}

/**
 * A webpack plugin on the main compiler: which @tarojs/components exports the main package's
 * modules import (the same rule Taro's TaroComponentsExportsPlugin applies to all packages).
 * `thisCompilation` is not passed on to child compilers, so independent packages do not count.
 */
class MainPackageComponents {
  constructor() {
    this.used = new Set();
    this.all = false;
  }

  apply(compiler) {
    // Taro prints no errors of the child compilers that build independent packages: say them.
    compiler.hooks.afterCompile.tap(PLUGIN_ID, (compilation) => {
      if (compilation.compiler.isChild()) return;
      const messages = new Set();
      for (const child of compilation.children) {
        for (const error of child.errors) messages.add(error.message);
      }
      for (const message of messages) {
        console.error(`\n${PLUGIN_ID}: an independent package failed to build: ${message}`);
      }
    });
    compiler.hooks.thisCompilation.tap(PLUGIN_ID, (_compilation, { normalModuleFactory }) => {
      this.used = new Set();
      this.all = false;
      normalModuleFactory.hooks.afterResolve.tap(PLUGIN_ID, (resolveData) => {
        if (resolveData.request !== COMPONENTS_REQUEST) return;
        for (const dependency of resolveData.dependencies) {
          if (dependency.ids && dependency.ids.length > 0) {
            for (const id of dependency.ids) this.used.add(toDashed(id));
          } else if (dependency.type !== 'harmony side effect evaluation') {
            // A namespace or CommonJS use: any component may be rendered.
            this.all = true;
          }
        }
      });
    });
  }
}

/** The component names a componentConfig puts in base.wxml (Taro's filter in buildTemplate). */
function includedNames(template, componentConfig) {
  const names = Object.keys(template.miniComponents || {});
  const { includes, includeAll } = componentConfig;
  return includes.size > 0 && !includeAll ? names.filter((name) => includes.has(name)) : names;
}

function warn(message) {
  console.warn(`\n${PLUGIN_ID}: ${message}\n`);
}

module.exports = (ctx) => {
  const platform = process.env.TARO_ENV;
  if (!PLATFORMS.has(platform)) return;
  const main = new MainPackageComponents();
  let webpack;
  let componentConfig;

  ctx.modifyWebpackChain(({ chain, webpack: webpackApi, data }) => {
    if (!chain.plugins.has('miniPlugin')) return;
    webpack = webpackApi;
    componentConfig = data && data.componentConfig;
    chain.plugin('miniPlugin').tap((args) => {
      const config = args[0] && args[0].combination && args[0].combination.config;
      const template = config && config.template;
      if (!template || typeof template.mergeComponents !== 'function') {
        throw new Error(`${PLUGIN_ID}: unexpected Taro build config (Taro 4, webpack5 expected).`);
      }
      if (template.miniComponents) {
        throw new Error(`${PLUGIN_ID}: Taro built its templates before the plugin ran.`);
      }
      template.mergeComponents(ctx, componentsPatch());
      config.runtimePath = withRuntime(config.runtimePath);
      return args;
    });
    chain
      .plugin('trtcRoomMainPackageComponents')
      .use(MainPackageComponents)
      .init(() => main);
  });

  ctx.modifyBuildAssets(({ assets, miniPlugin }) => {
    const template = miniPlugin.options.template;
    const baseName = `base${miniPlugin.options.fileType.templ}`;
    // The main compilation's call: child compilations (independent packages) name theirs root/base.
    if (!assets[baseName] || !componentConfig || !template.miniComponents) return;
    const before = includedNames(template, componentConfig);
    const live = LIVE_COMPONENTS.filter((name) => before.includes(name));
    if (live.length === 0) return;
    const independent = Array.from(miniPlugin.independentPackages.keys());
    if (main.all) {
      warn(
        `a main-package module uses ${COMPONENTS_REQUEST} without named imports, so every ` +
          `page's ${baseName} keeps <${live.join('>, <')}>.`,
      );
      return;
    }
    const unused = live.filter((name) => !main.used.has(name));
    if (unused.length < live.length) {
      warn(
        `the main package imports ${live.filter((name) => main.used.has(name)).join(', ')}, so ` +
          `every page's ${baseName} has it. Put the pages that use trtc-room in an independent ` +
          "subpackage (app.config.ts: subPackages: [{ root: 'room', pages: [...], " +
          'independent: true }]) to keep them out of the other pages.',
      );
    }
    if (unused.length === 0 || independent.length === 0) return;
    const keep = before.filter((name) => !unused.includes(name));
    // An empty set would mean "every component" to Taro.
    if (keep.length === 0) keep.push('view');
    const mainConfig = { ...componentConfig, includeAll: false, includes: new Set(keep) };
    const previous = template.componentConfig;
    try {
      assets[baseName] = new webpack.sources.RawSource(template.buildTemplate(mainConfig));
    } finally {
      template.componentConfig = previous;
    }
  });
};

module.exports.attributes = attributes;
module.exports.runtimePath = RUNTIME;
module.exports.liveComponents = LIVE_COMPONENTS;
