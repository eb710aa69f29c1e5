import { lintProbes } from './lint-probe';

const lintAll = (probes: readonly (readonly [code: string, file: string])[]): string[][] =>
  lintProbes(probes).map((messages) => messages.map(({ rule }) => rule));

const forbidden: [code: string, rule: string][] = [
  ['wx.request({ url: "x" });', 'no-restricted-globals'],
  ['qq.getSystemInfoSync();', 'no-restricted-globals'],
  ['Component({});', 'no-restricted-globals'],
  ['Page({});', 'no-restricted-globals'],
  ['getApp();', 'no-restricted-globals'],
  ['export const host = globalThis.wx;', 'no-restricted-syntax'],
  ["export const host = globalThis['qq'];", 'no-restricted-syntax'],
  ['declare const wx: { request(o: object): void };\nwx.request({});', 'no-restricted-syntax'],
  ['declare function getApp(): object;\nexport const app = getApp();', 'no-restricted-syntax'],
  ['export function Page(): void {}', 'no-restricted-syntax'],
  ['export const b = Buffer.from("x");', 'no-restricted-globals'],
  ['import { createHmac } from "crypto";\nexport const h = createHmac;', 'no-restricted-imports'],
];
const plain = 'export const double = (n: number): number => n * 2;\n';
const adapter =
  'declare const wx: { canIUse(s: string): boolean };\nexport const ok = wx.canIUse("x");\n';

describe('lint: src/core stays platform-free', () => {
  let results: string[][] = [];
  beforeAll(() => {
    results = lintAll([
      ...forbidden.map(([code]) => [code, 'src/core/probe.ts'] as const),
      [plain, 'src/core/probe.ts'],
      [adapter, 'src/wx/probe.ts'],
    ]);
  }, 60_000);

  it.each(forbidden.map(([code, rule], index) => [code, rule, index] as const))(
    'rejects %s',
    (_code, rule, index) => {
      expect(results[index]).toContain(rule);
    },
  );

  it('allows plain platform-free code', () => {
    expect(results[forbidden.length]).toEqual([]);
  });

  it('lets adapters outside src/core use the host', () => {
    expect(results[forbidden.length + 1]).not.toContain('no-restricted-globals');
  });
});
