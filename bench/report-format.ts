// Number and table formatting for docs/benchmarks.md.
import type { Spread } from './measure';

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const pct = (share: number): string =>
  `${(share * 100).toFixed(Math.abs(share) < 0.01 ? 2 : 1)} %`;
export const times = (ratio: number): string => `${ratio.toFixed(ratio < 10 ? 1 : 0)}×`;
export const range = (s: Spread, format: (n: number) => string): string =>
  `${format(s.median)} (${format(s.min)}–${format(s.max)})`;
export const verdict = (met: boolean, miss: string): string =>
  met ? 'met' : `**missed**: ${miss}`;

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
