import fs from 'node:fs';
import path from 'node:path';

// docs/taro.md says which Taro versions the tests build (its "Taro versions" section): checked
// here against the Taro demo's package.json and lockfile, so the note cannot drift from them.
const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

interface DemoPackage {
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
}
interface Lockfile {
  readonly packages: Readonly<Record<string, { readonly version?: string }>>;
}

const demo = JSON.parse(read('demo/taro/package.json')) as DemoPackage;
const lock = JSON.parse(read('demo/taro/package-lock.json')) as Lockfile;
const demoDependencies = { ...demo.dependencies, ...demo.devDependencies };
const installed = (name: string) => lock.packages[`node_modules/${name}`]?.version;
const isTaroPackage = (name: string) => /^@tarojs\/|(^|-)taro(-|$)/.test(name);

/** The section under `## <title>`, up to the next `## ` heading. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`docs/taro.md has no "## ${title}" section`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

const versions = section(read('docs/taro.md'), 'Taro versions');
/** [package, version] for every "| `package` | version |" row of the section's table. */
const rows = [...versions.matchAll(/^\| `([^`]+)` +\| ([^ |]+) +\|$/gm)].map(
  ([, name, version]) => [name!, version!] as const,
);

test('the section names the Taro version the demo installs (its @tarojs/cli)', () => {
  const stated = /builds the demo \(`demo\/taro\/`\) with Taro (\d+\.\d+\.\d+\S*?):/.exec(versions);
  expect(stated?.[1]).toBe(installed('@tarojs/cli'));
});

test("every row of the table is the version the demo's lockfile installs", () => {
  expect(rows.length).toBeGreaterThan(10);
  expect(rows).toEqual(rows.map(([name]) => [name, installed(name)]));
});

test("every row is one of the demo's dependencies, at that exact version when pinned", () => {
  const pinnedElsewhere = rows.filter(([name, version]) => {
    const wanted = demoDependencies[name];
    return wanted === undefined || (/^\d/.test(wanted) && wanted !== version);
  });
  expect(pinnedElsewhere).toEqual([]);
});

test('the table lists every Taro package the demo depends on', () => {
  const listed = new Set(rows.map(([name]) => name));
  const taro = Object.keys(demoDependencies).filter(isTaroPackage);
  expect(taro.length).toBeGreaterThan(5);
  expect(taro.filter((name) => !listed.has(name))).toEqual([]);
});
