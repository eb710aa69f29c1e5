// How miniprogram_dist/ is split into files, so that a page loads only what it runs at startup
// and every module with state or identity exists once (scripts/build.mjs calls splitMiniprogram).
//
//   runtime.js        the single-instance pieces (errors, logger, emitter, room client, room
//                     registry, host adapter, controller...), tree-shaken to what the components,
//                     the lazy files and the public entries take from it. Its exports are short
//                     aliases ($0, $1...) that only our own files use.
//   <name>/index.js   a native component (components/<name>/): its own code; everything else it
//                     takes from runtime.js.
//   lazy/<name>.js    each module src/core/lazy-modules.ts requires inside a function (the store
//                     with mobx-miniprogram, the emulator client, the UserSig diagnosis). The
//                     runtime requires it there, synchronously, with a literal path (WeChat's
//                     packer follows it; the file body runs on first use). It takes what the
//                     runtime carries from the runtime and carries the rest itself.
//   index.js, usersig/index.js, host/index.js
//                     the public entries (require('trtc-room'), 'trtc-room/usersig', the host
//                     adapter): the stateful modules (STATEFUL) from the file that owns them, the
//                     modules of a lazy file from that file, and their own copy of any other
//                     (stateless) module they export, so that requiring one costs no runtime
//                     export table.
//
// The split is computed, not listed: esbuild builds each file as an ES module with every module
// another file owns left external, the import statements it prints say which names each file
// takes from which module, and the owners' entries are generated to export exactly those names.
// That repeats until nothing changes (taking a name can pull more code into an owner). The
// build fails when a startup file (the runtime or a component) requires a lazy file at top level,
// when a stateful module or any module of the runtime, a component or a lazy file would be
// carried twice, or when a name taken from a shared file is not exported by it.
import { parse } from 'acorn';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const { requiresIn } = createRequire(import.meta.url)('./bundle-size.js');

/** Modules whose state or identity must be one for the whole mini-program. */
export const STATEFUL_MODULES = [
  'src/core/errors', // TrtcError: isTrtcError uses instanceof
  'src/core/logger', // the log level and sink
  'src/core/emitter', // Emitter: RoomClient and RoomStore extend it
  'src/core/room/room-client', // RoomClient
  'src/core/store/room-store', // RoomStore
  'src/host/component-controllers', // the controllers by component
  'src/host/room-keys', // the rooms by room-key
  'src/host/node-components', // <trtc-pusher>/<trtc-player> bindings
  'src/host/features', // warns once per mini-program
  'src/host/emulator-support', // warns once per host
];

// The files whose functions require the lazy modules, each with the folder its lazy files are
// named from and their prefix: lazy/store-room-store.js, lazy/host-trace-export.js.
const LAZY_LOADERS = [
  { file: 'src/core/lazy-modules.ts', base: 'src/core', prefix: '' },
  { file: 'src/host/lazy-host-modules.ts', base: 'src/host', prefix: 'host-' },
];
const RELATIVE_OR_ABSOLUTE = /^(\.\.?(\/|$)|\/)/;

const isWithin = (file, dir) => file === dir || file.startsWith(dir + path.sep);

function requirePath(fromDir, file) {
  const relative = path.relative(fromDir, file).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** A module's key: its absolute path without extension ('src/core' → 'src/core/index'). */
function moduleKey(file) {
  let key = file.replace(/\.(ts|tsx|js|mjs|cjs)$/, '');
  if (existsSync(key) && statSync(key).isDirectory()) key = path.join(key, 'index');
  return key;
}

/** The modules `metafile` put code of into its one output (bytesInOutput > 0), as keys. */
function carried(metafile, root) {
  const [output] = Object.values(metafile.outputs).filter((o) => o.entryPoint !== undefined);
  return new Set(
    Object.entries(output.inputs)
      .filter(([input, { bytesInOutput }]) => bytesInOutput > 0 && !input.includes(':'))
      .map(([input]) => moduleKey(path.resolve(root, input))),
  );
}

function bytesByModule(metafile, root) {
  const [output] = Object.values(metafile.outputs).filter((o) => o.entryPoint !== undefined);
  return new Map(
    Object.entries(output.inputs)
      .filter(([input, { bytesInOutput }]) => !input.includes(':') && bytesInOutput > 0)
      .map(([input, { bytesInOutput }]) => [moduleKey(path.resolve(root, input)), bytesInOutput]),
  );
}

/**
 * Splits miniprogram_dist. `common`: the esbuild options of every bundle; `components`: the
 * components/ folders with an index.ts; `lazyPeers`: peer dependencies the startup files must not
 * require at top level. Writes nothing (a failing check leaves the previous
 * build in place); returns { files: [{ id, kind, out, text }], mangleCache, carries: { out:
 * [module paths] } }.
 */
export async function splitMiniprogram({
  root,
  common,
  components,
  lazyPeers = [],
  mangleCache = {},
}) {
  const at = (...parts) => path.join(root, ...parts);
  const stateful = new Set(STATEFUL_MODULES.map((module) => at(module)));
  const gone = STATEFUL_MODULES.filter((module) => !existsSync(`${at(module)}.ts`));
  if (gone.length > 0) {
    throw new Error(
      `STATEFUL_MODULES in scripts/miniprogram-split.mjs lists ${gone.join(', ')}, which do not ` +
        'exist: follow the rename',
    );
  }
  const loaderFiles = new Set(LAZY_LOADERS.map((loader) => at(loader.file)));

  // The lazy modules: every require('./x') inside a function of a LAZY_LOADERS file.
  const lazyEntries = [];
  for (const loader of LAZY_LOADERS) {
    const loadersFile = at(loader.file);
    for (const id of await lazyModuleIds(loadersFile, loader.file)) {
      const key = moduleKey(path.resolve(path.dirname(loadersFile), id));
      const name = loader.prefix + path.relative(at(loader.base), key).split(path.sep).join('-');
      lazyEntries.push([
        key,
        { id: `lazy:${name}`, kind: 'lazy', key, out: `miniprogram_dist/lazy/${name}.js` },
      ]);
    }
  }
  const lazyByKey = new Map(lazyEntries);
  const lazyById = new Map([...lazyByKey.values()].map((file) => [file.id, file]));

  const files = [
    { id: 'runtime', kind: 'runtime', out: 'miniprogram_dist/runtime.js' },
    ...components.map((name) => ({
      id: `component:${name}`,
      kind: 'component',
      source: at('components', name, 'index.ts'),
      out: `miniprogram_dist/${name}/index.js`,
      own: at('components', name),
    })),
    ...lazyByKey.values(),
    ...[
      ['core', 'src/index.ts', 'miniprogram_dist/index.js'],
      ['usersig', 'src/usersig/index.ts', 'miniprogram_dist/usersig/index.js'],
      ['host', 'src/host/index.ts', 'miniprogram_dist/host/index.js'],
      ['call', 'src/host/call/index.ts', 'miniprogram_dist/call/index.js'],
    ].map(([name, source, out]) => ({
      id: `public:${name}`,
      kind: 'public',
      source: at(source),
      out,
    })),
  ];
  const byId = new Map(files.map((file) => [file.id, file]));

  // What each owner exports for the others: owner id → module key → names, and their aliases.
  const needs = new Map(files.map((file) => [file.id, new Map()]));
  const aliases = new Map(files.map((file) => [file.id, new Map()]));
  const owned = new Map(); // owner id → Set of module keys it carries
  const exportsCache = new Map();

  // Bytes of each module in the runtime's last build, and of each module built whole (carried
  // modules with bytesInOutput 0 are not in runtimeBytes).
  let runtimeBytes = new Map();
  const wholeBytes = new Map();
  // "All" within a tenth of the module or 200 bytes (unminified): esbuild renames and folds a
  // module differently alone, and a small remainder costs the page less than a second copy.
  const runtimeCarriesAll = (key) => {
    if (!wholeBytes.has(key) || !runtimeBytes.has(key)) return false;
    const missing = wholeBytes.get(key) - runtimeBytes.get(key);
    return missing <= Math.max(200, wholeBytes.get(key) / 10);
  };

  const aliasOf = (ownerId, key, name) => {
    const table = aliases.get(ownerId);
    const entry = `${key}#${name}`;
    if (!table.has(entry)) table.set(entry, `$${table.size.toString(36)}`);
    return table.get(entry);
  };

  /** The owner `file` takes module `key` from, or undefined to carry it. */
  const ownerFor = (file, key) => {
    if (file.kind === 'runtime') return undefined;
    if (file.kind === 'component') {
      // Its own code, the modules only it uses (exclusive), and modules with no code of their
      // own in it (index files that re-export; their imports come back here one by one).
      if (isWithin(key, file.own) || file.exclusive.has(key) || !file.alone.has(key)) {
        return undefined;
      }
      return 'runtime';
    }
    if (owned.get('runtime')?.has(key)) {
      if (stateful.has(key)) return 'runtime';
      // A lazy file takes a stateless module from the runtime only when the runtime carries all
      // of it anyway: taking the rest would move code the page does not run onto its startup
      // path (the lazy file then carries its own copy; a public entry always does).
      return file.kind === 'lazy' && runtimeCarriesAll(key) ? 'runtime' : undefined;
    }
    if (file.kind === 'lazy') return undefined;
    for (const lazy of lazyById.values()) if (owned.get(lazy.id)?.has(key)) return lazy.id;
    return undefined;
  };

  /** The generated entry of a file: its source's exports, and the aliases others take. */
  const entryOf = (file) => {
    const lines = [];
    if (file.kind === 'lazy') lines.push(`export * from ${JSON.stringify(file.key)};`);
    else if (file.kind !== 'runtime') lines.push(`export * from ${JSON.stringify(file.source)};`);
    for (const [key, names] of [...needs.get(file.id)].sort(([a], [b]) => a.localeCompare(b))) {
      const specifiers = [...names]
        .sort()
        .map((name) => `${name} as ${aliasOf(file.id, key, name)}`);
      lines.push(`export { ${specifiers.join(', ')} } from ${JSON.stringify(key)};`);
    }
    return lines.join('\n') || 'export {};';
  };

  /** Builds `file` once; `collect`: as an ES module whose imports name what it takes. */
  const buildFile = (file, { collect }) => {
    const outfile = at(file.out);
    const outDir = path.dirname(outfile);
    const plugin = {
      name: 'split-miniprogram',
      setup(builder) {
        builder.onResolve({ filter: RELATIVE_OR_ABSOLUTE }, (args) => {
          if (args.namespace === 'shared' || args.namespace === 'owner') return undefined;
          const resolved = path.resolve(args.resolveDir, args.path);
          if (loaderFiles.has(args.importer) && args.kind === 'require-call') {
            const lazy = lazyByKey.get(moduleKey(resolved));
            if (!lazy) throw new Error(`${args.importer}: ${args.path} is not a lazy module`);
            return { path: requirePath(outDir, at(lazy.out)), external: true };
          }
          const key = moduleKey(resolved);
          const owner = ownerFor(file, key);
          if (owner === undefined) return undefined;
          if (collect) return { path: `shared|${owner}|${key}`, external: true };
          return { path: key, namespace: 'shared', pluginData: { owner } };
        });
        builder.onResolve({ filter: /^owner:/ }, (args) => ({
          path: requirePath(outDir, at(byId.get(args.path.slice('owner:'.length)).out)),
          external: true,
        }));
        builder.onLoad({ filter: /.*/, namespace: 'shared' }, async (args) => {
          const { owner } = args.pluginData;
          // Every export of the module, so that imports tree shaking removes still link; only
          // the names the collect build saw used are taken (the others are never read).
          const taken = needs.get(owner).get(args.path) ?? new Set();
          const names = [...new Set([...taken, ...(await exportsOfModule(args.path))])].sort();
          if (file.kind === 'public' && byId.get(owner).kind === 'lazy') {
            // A public entry re-exports what a lazy file owns (the store, the emulator client,
            // the diagnosis) as getters that require the lazy file on first read: a page that
            // imports only the client from 'trtc-room' loads none of them (nor mobx-miniprogram).
            // A CommonJS module, so that esbuild reads its properties when used, not at load.
            const lines = names.map((name) =>
              taken.has(name)
                ? `get(${JSON.stringify(name)}, ${JSON.stringify(aliasOf(owner, args.path, name))});`
                : `exports[${JSON.stringify(name)}] = void 0;`,
            );
            return {
              contents:
                `var load = () => require(${JSON.stringify(`owner:${owner}`)});\n` +
                'var get = (name, alias) => Object.defineProperty(exports, name, ' +
                '{ enumerable: true, get: () => load()[alias] });\n' +
                lines.join('\n'),
              loader: 'js',
              resolveDir: root,
            };
          }
          const locals = names.map((name, i) =>
            taken.has(name) ? `v${i} = o.${aliasOf(owner, args.path, name)}` : `v${i} = void 0`,
          );
          return {
            contents:
              `import o from ${JSON.stringify(`owner-module:${owner}`)};\n` +
              (locals.length > 0 ? `const ${locals.join(', ')};\n` : '') +
              `export { ${names.map((name, i) => `v${i} as ${name}`).join(', ')} };`,
            loader: 'js',
            resolveDir: root,
          };
        });
        builder.onResolve({ filter: /^owner-module:/ }, (args) => ({
          path: args.path.slice('owner-module:'.length),
          namespace: 'owner',
        }));
        builder.onLoad({ filter: /.*/, namespace: 'owner' }, (args) => ({
          contents: `export default require(${JSON.stringify(`owner:${args.path}`)});`,
          loader: 'js',
          resolveDir: root,
        }));
      },
    };
    const entry =
      file.source !== undefined && needs.get(file.id).size === 0
        ? { entryPoints: [file.source] }
        : {
            stdin: {
              contents: entryOf(file),
              resolveDir: root,
              sourcefile: file.out,
              loader: 'ts',
            },
          };
    return build({
      ...common,
      ...entry,
      // The collect build tree-shakes and folds like the real one, so it takes the same names.
      ...(collect
        ? { format: 'esm', minify: false, minifySyntax: true, mangleProps: undefined }
        : { mangleCache }),
      outfile,
      write: false,
      metafile: true,
      absWorkingDir: root,
      plugins: [plugin],
    });
  };

  /** The bytes of module `key` with every export kept (its imports left out), as collected. */
  const bytesOfWholeModule = async (key) => {
    const built = await build({
      ...common,
      stdin: { contents: `export * from ${JSON.stringify(key)};`, resolveDir: root, loader: 'ts' },
      format: 'esm',
      minify: false,
      minifySyntax: true,
      mangleProps: undefined,
      write: false,
      metafile: true,
      outfile: at('.split-check/whole.js'),
      absWorkingDir: root,
      plugins: [
        {
          name: 'only-this-module',
          setup(builder) {
            builder.onResolve({ filter: RELATIVE_OR_ABSOLUTE }, (args) =>
              args.importer === '<stdin>' || args.kind === 'entry-point'
                ? undefined
                : { path: path.resolve(args.resolveDir, args.path), external: true },
            );
          },
        },
      ],
    });
    return bytesByModule(built.metafile, root).get(key) ?? 0;
  };

  /** The names of every export of module `key` (for `export *` and namespace imports). */
  const exportsOfModule = async (key) => {
    if (!exportsCache.has(key)) {
      const built = await build({
        ...common,
        stdin: {
          contents: `export * from ${JSON.stringify(key)};`,
          resolveDir: root,
          loader: 'ts',
        },
        format: 'esm',
        minify: false,
        mangleProps: undefined,
        write: false,
        metafile: true,
        outfile: at('.split-check/module.js'),
        absWorkingDir: root,
      });
      const [output] = Object.values(built.metafile.outputs);
      exportsCache.set(key, output.exports);
    }
    return exportsCache.get(key);
  };

  /** Records the names `file`'s collect build takes from shared modules; true when any is new. */
  const collectNeeds = async (file) => {
    const built = await buildFile(file, { collect: true });
    if (file.kind !== 'component') owned.set(file.id, carried(built.metafile, root));
    if (file.kind === 'runtime') {
      runtimeBytes = bytesByModule(built.metafile, root);
      for (const key of owned.get('runtime')) {
        if (!wholeBytes.has(key)) wholeBytes.set(key, await bytesOfWholeModule(key));
      }
    }
    const program = parse(built.outputFiles[0].text, {
      ecmaVersion: 'latest',
      sourceType: 'module',
    });
    let changed = false;
    for (const node of program.body) {
      const match = /^shared\|([^|]+)\|(.*)$/.exec(node.source?.value ?? '');
      if (!match) continue;
      const [, owner, key] = match;
      const names = new Set();
      if (node.type === 'ExportAllDeclaration' && node.exported === null) {
        for (const name of await exportsOfModule(key)) names.add(name);
      }
      for (const spec of node.specifiers ?? []) {
        if (spec.type === 'ImportNamespaceSpecifier' || spec.type === 'ExportNamespaceSpecifier') {
          for (const name of await exportsOfModule(key)) names.add(name);
        } else if (spec.type === 'ImportDefaultSpecifier') names.add('default');
        else names.add(node.type === 'ImportDeclaration' ? spec.imported.name : spec.local.name);
      }
      if (node.type === 'ExportAllDeclaration' && node.exported !== null) {
        for (const name of await exportsOfModule(key)) names.add(name);
      }
      const table = needs.get(owner);
      const existing = table.get(key) ?? new Set();
      for (const name of names) {
        if (!existing.has(name)) {
          existing.add(name);
          changed = true;
        }
      }
      table.set(key, existing);
    }
    return changed;
  };

  // The fixed point: components first (they take everything from the runtime), then the runtime,
  // the lazy files and the public entries until no file takes a new name.
  // A component carries the stateless modules no other component uses (so a page with only
  // <trtc-pusher>/<trtc-player> does not load the room controller), unless the runtime carries
  // them for another file.
  const componentFiles = files.filter((f) => f.kind === 'component');
  for (const file of componentFiles) {
    file.alone = new Set();
    file.exclusive = new Set();
    const built = await buildFile(file, { collect: true });
    file.alone = carried(built.metafile, root);
  }
  for (const file of componentFiles) {
    const others = componentFiles.filter((other) => other !== file);
    file.exclusive = new Set(
      [...file.alone].filter(
        (key) => !stateful.has(key) && !others.some((other) => other.alone.has(key)),
      ),
    );
  }
  let rounds = 0;
  for (let changed = true; changed; rounds += 1) {
    if (rounds === 8) throw new Error('splitMiniprogram: the split did not settle in 8 rounds');
    changed = false;
    for (const file of componentFiles) await collectNeeds(file);
    for (const file of files.filter((f) => f.kind !== 'component')) {
      if (await collectNeeds(file)) changed = true;
      if (file.kind !== 'runtime') continue;
      for (const component of componentFiles) {
        for (const key of component.exclusive) {
          if (owned.get('runtime').has(key)) {
            component.exclusive.delete(key);
            changed = true;
          }
        }
      }
    }
  }

  // Every name a file takes is exported by its owner (the generated entries say so; this holds
  // them to it).
  const problems = [];
  for (const file of files) {
    const table = needs.get(file.id);
    if (table.size === 0) continue;
    const built = await buildFile(file, { collect: true });
    const [output] = Object.values(built.metafile.outputs);
    const exported = new Set(output.exports);
    for (const [key, names] of table) {
      const missing = [...names].filter((name) => !exported.has(aliasOf(file.id, key, name)));
      if (missing.length > 0) {
        problems.push(
          `${file.out} does not export ${missing.join(', ')} of ${path.relative(root, key)}, ` +
            'which another file takes from it',
        );
      }
    }
  }

  // The real files, minified CommonJS, one mangle cache through all of them.
  const carries = {};
  const texts = new Map();
  const metafiles = new Map();
  for (const file of files) {
    const result = await buildFile(file, { collect: false });
    mangleCache = result.mangleCache ?? mangleCache;
    texts.set(file.out, result.outputFiles[0].text);
    metafiles.set(file.out, result.metafile);
    carries[file.out] = [...carried(result.metafile, root)].map((key) => path.relative(root, key));
  }

  // Carried once: a stateful module in one file, and no module in two of the runtime, the
  // components and the lazy files (public entries may carry stateless copies).
  const holders = new Map();
  for (const file of files) {
    for (const module of carries[file.out]) {
      if (!holders.has(module)) holders.set(module, []);
      holders.get(module).push(file);
    }
  }
  for (const [module, holding] of holders) {
    const single = holding.filter((file) => file.kind === 'runtime' || file.kind === 'component');
    if (stateful.has(at(module)) && holding.length > 1) {
      problems.push(
        `${module} (stateful: STATEFUL_MODULES in scripts/miniprogram-split.mjs) would be carried ` +
          `by ${holding.map((file) => file.out).join(' and ')}`,
      );
    } else if (single.length > 1) {
      problems.push(
        `${module} would be carried by ${single.map((file) => file.out).join(' and ')}`,
      );
    }
  }
  for (const file of files.filter((f) => f.kind === 'component')) {
    const foreign = carries[file.out].filter(
      (module) => !isWithin(at(module), file.own) && !file.exclusive.has(at(module)),
    );
    if (foreign.length > 0) {
      problems.push(
        `${file.out} would carry ${foreign.join(', ')}: a component takes the modules other ` +
          'files use from the runtime',
      );
    }
  }
  // The startup files (the runtime and the components) require a lazy file only inside a
  // function, and a lazy peer (mobx-miniprogram, for the store) not at all at top level; a lazy
  // file is required only inside a function by them.
  const lazyOuts = new Set([...lazyById.values()].map((file) => at(file.out)));
  for (const file of files.filter((f) => f.kind === 'runtime' || f.kind === 'component')) {
    for (const { id, topLevel } of requiresIn(texts.get(file.out))) {
      const target = id.startsWith('.') ? path.resolve(path.dirname(at(file.out)), id) : id;
      if (topLevel && lazyOuts.has(target)) {
        problems.push(`${file.out} requires the lazy file ${id} at top level`);
      }
      if (topLevel && lazyPeers.includes(id)) {
        problems.push(
          `${file.out} requires ${id} at top level: it must load only with the lazy file that ` +
            'needs it (reach its module through src/core/lazy-modules.ts)',
        );
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `${problems.join('\n')}\n(the split of miniprogram_dist: scripts/miniprogram-split.mjs)`,
    );
  }
  return {
    files: files.map(({ id, kind, out }) => ({
      id,
      kind,
      out,
      text: texts.get(out),
      metafile: metafiles.get(out),
    })),
    mangleCache,
    carries,
    rounds,
  };
}

async function lazyModuleIds(loadersFile, name) {
  const built = await build({
    entryPoints: [loadersFile],
    bundle: false,
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  });
  const ids = requiresIn(built.outputFiles[0].text);
  const topLevel = ids.filter((entry) => entry.topLevel);
  if (topLevel.length > 0) {
    throw new Error(`${name} requires ${topLevel[0].id} at top level: only inside a function`);
  }
  return ids.map((entry) => entry.id);
}
