// A small SVG bar chart, written by hand: one group of horizontal bars per workload, one bar per
// engine, each group scaled to its fastest engine (the label carries the figure itself).
import { formatNumber } from './metrics.js';

export interface ChartGroup {
  title: string;
  unit: string;
  bars: { engine: string; value: number }[];
}

const PALETTE = [
  '#1f6feb',
  '#58a6ff',
  '#d29922',
  '#f0883e',
  '#8250df',
  '#bf8700',
  '#3fb950',
  '#db61a2',
];

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The chart as SVG text; `engines` fixes the bar order and colours across groups. */
export function barChart(
  groups: readonly ChartGroup[],
  engines: readonly string[],
  title: string,
): string {
  const width = 760;
  const labelWidth = 190;
  const barHeight = 16;
  const gap = 4;
  const barArea = width - labelWidth - 150;
  const out: string[] = [];
  let y = 40;
  for (const g of groups) {
    out.push(`<text x="10" y="${y}" class="group">${xml(g.title)} (${xml(g.unit)})</text>`);
    y += 8;
    const max = Math.max(...g.bars.map((b) => b.value), 0);
    for (const bar of g.bars) {
      const color = PALETTE[engines.indexOf(bar.engine) % PALETTE.length] ?? PALETTE[0]!;
      const w = max > 0 ? Math.max(1, Math.round((bar.value / max) * barArea)) : 1;
      out.push(
        `<text x="${labelWidth - 8}" y="${y + barHeight - 4}" class="label">${xml(bar.engine)}</text>`,
        `<rect x="${labelWidth}" y="${y}" width="${w}" height="${barHeight}" fill="${color}"/>`,
        `<text x="${labelWidth + w + 6}" y="${y + barHeight - 4}" class="value">${xml(formatNumber(bar.value))}</text>`,
      );
      y += barHeight + gap;
    }
    y += 22;
  }
  const height = y;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    '<style>.title{font-size:15px;font-weight:600}.group{font-weight:600}.label{text-anchor:end}.value{fill:#444}</style>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="22" class="title">${xml(title)}</text>`,
    ...out,
    '</svg>',
    '',
  ].join('\n');
}
