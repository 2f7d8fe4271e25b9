// Plain-text and Markdown tables of the figures and of the Nabla/peer ratios.
import type { EngineResult } from '../results.js';
import { formatNumber, formatRatio, type Metric, speedup } from './metrics.js';

export interface Table {
  header: string[];
  rows: string[][];
}

/** Figures: one row per metric, one column per engine (median; the best sample in JSON). */
export function figuresTable(metrics: readonly Metric[], engines: readonly EngineResult[]): Table {
  const used = engines.filter((e) => metrics.some((m) => m.get(e) !== undefined));
  return {
    header: ['workload', 'unit', ...used.map((e) => e.label)],
    rows: metrics
      .filter((m) => used.some((e) => m.get(e) !== undefined))
      .map((m) => [
        m.label,
        m.unit,
        ...used.map((e) => {
          const v = m.get(e);
          return v === undefined ? '' : formatNumber(v.median);
        }),
      ]),
  };
}

/**
 * How many times faster `nabla` is than each peer, per metric (medians): above 1× Nabla is
 * faster, below it slower.
 */
export function ratioTable(
  metrics: readonly Metric[],
  nabla: EngineResult,
  peers: readonly EngineResult[],
): Table {
  const rows: string[][] = [];
  for (const m of metrics) {
    const mine = m.get(nabla);
    if (mine === undefined) continue;
    const cells = peers.map((p) => {
      const theirs = m.get(p);
      return theirs === undefined ? '' : formatRatio(speedup(m, mine.median, theirs.median));
    });
    if (cells.some((c) => c !== '')) rows.push([m.label, ...cells]);
  }
  return { header: [`${nabla.label} vs`, ...peers.map((p) => p.label)], rows };
}

/** Columns padded to their widest cell; columns of numbers right-aligned, header included. */
export function formatText(table: Table): string {
  const all = [table.header, ...table.rows];
  const widths = table.header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const numeric = table.header.map(
    (_, c) => c > 0 && table.rows.every((r) => (r[c] ?? '') === '' || /^[\d—]/.test(r[c]!)),
  );
  const line = (r: string[]) =>
    r
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(table.header), rule, ...table.rows.map(line)].join('\n');
}

export function formatMarkdown(table: Table): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${table.header.map(esc).join(' | ')} |`,
    `|${table.header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...table.rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
