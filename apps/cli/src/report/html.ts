// The training report: one self-contained HTML file (inline CSS and SVG, images as data URIs,
// no script and no network) with the curves, the confusion matrix and, depending on the data,
// the misclassified images or the decision regions.
import { formatNumber, formatPercent } from '../output/format.js';
import { type ImageExample, imageGridHtml } from './digits.js';
import { confusionMatrixSvg } from './svg/confusion-matrix.js';
import { type DecisionGrid, decisionMapSvg, type LabelledPoint } from './svg/decision-map.js';
import { escapeXml } from './svg/escape.js';
import { lineChart, type Marker } from './svg/line-chart.js';

export interface ReportEpoch {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss: number;
  readonly valAccuracy: number;
  /** The EMA-smoothed validation loss early stopping compared. */
  readonly smoothedValLoss: number;
  readonly lr: number;
}

export interface ReportData {
  readonly title: string;
  readonly createdAt: string;
  readonly command: string;
  /** Key facts, shown as a two-column table. */
  readonly facts: readonly (readonly [string, string])[];
  readonly epochs: readonly ReportEpoch[];
  readonly bestEpoch: number | null;
  /** The epoch after which early stopping ended training, or null. */
  readonly stoppedEpoch: number | null;
  readonly stopMessage: string;
  readonly classes: readonly string[];
  readonly confusion: readonly (readonly number[])[];
  readonly misclassified: readonly ImageExample[] | null;
  readonly decision: {
    readonly grid: DecisionGrid;
    readonly points: readonly LabelledPoint[];
  } | null;
}

const COLORS = {
  train: '#1f77b4',
  val: '#ff7f0e',
  smoothed: '#2ca02c',
  lr: '#9467bd',
  best: '#2ca02c',
  stop: '#d62728',
};

export function renderReport(r: ReportData): string {
  const markers: Marker[] = [];
  if (r.bestEpoch !== null)
    markers.push({ x: r.bestEpoch, label: `best epoch ${r.bestEpoch}`, color: COLORS.best });
  if (r.stoppedEpoch !== null) {
    markers.push({
      x: r.stoppedEpoch,
      label: `stopped after ${r.stoppedEpoch}`,
      color: COLORS.stop,
    });
  }
  const at = <K extends keyof ReportEpoch>(key: K) =>
    r.epochs.map((e) => [e.epoch, e[key]] as const);
  const loss = lineChart({
    title: 'Loss',
    xLabel: 'epoch',
    yLabel: 'cross-entropy',
    series: [
      { name: 'train', points: at('loss'), color: COLORS.train },
      { name: 'validation', points: at('valLoss'), color: COLORS.val },
      {
        name: 'validation (EMA)',
        points: at('smoothedValLoss'),
        color: COLORS.smoothed,
        dashed: true,
      },
    ],
    markers,
  });
  const accuracy = lineChart({
    title: 'Accuracy',
    xLabel: 'epoch',
    yLabel: 'accuracy',
    series: [
      { name: 'train', points: at('accuracy'), color: COLORS.train },
      { name: 'validation', points: at('valAccuracy'), color: COLORS.val },
    ],
    markers,
    yFormat: (v) => `${Number((100 * v).toPrecision(4))}%`,
  });
  const lr = lineChart({
    title: 'Learning rate',
    xLabel: 'epoch',
    yLabel: 'learning rate',
    series: [{ name: 'learning rate', points: at('lr'), color: COLORS.lr }],
    height: 220,
  });
  const perClass = r.confusion.map((row, k) => {
    const total = row.reduce((a, b) => a + b, 0);
    return [r.classes[k]!, total === 0 ? Number.NaN : row[k]! / total, total] as const;
  });

  const sections: string[] = [];
  sections.push(
    `<section><h2>Run</h2><table class="facts">${r.facts
      .map(([k, v]) => `<tr><th>${escapeXml(k)}</th><td>${escapeXml(v)}</td></tr>`)
      .join(
        '',
      )}</table><p class="stop">${escapeXml(r.stopMessage)}</p><pre class="command">${escapeXml(r.command)}</pre></section>`,
  );
  sections.push(
    `<section><h2>Training curves</h2><div class="charts">${loss}${accuracy}${lr}</div></section>`,
  );
  sections.push(
    `<section><h2>Confusion matrix (test set)</h2><div class="charts">${confusionMatrixSvg(r.confusion, r.classes)}<table class="per-class"><tr><th>class</th><th>accuracy</th><th>samples</th></tr>${perClass
      .map(
        ([c, a, n]) =>
          `<tr><td>${escapeXml(c)}</td><td>${formatPercent(a, 1)}</td><td>${n}</td></tr>`,
      )
      .join('')}</table></div></section>`,
  );
  if (r.misclassified !== null) {
    sections.push(
      `<section><h2>Misclassified test images</h2>${
        r.misclassified.length === 0
          ? '<p>None: every test image was classified correctly.</p>'
          : `<p>${r.misclassified.length} of the misclassified test images, most confident mistakes first.</p>${imageGridHtml(r.misclassified)}`
      }</section>`,
    );
  }
  if (r.decision !== null) {
    sections.push(
      `<section><h2>Decision boundary (test points)</h2><p>Background: the predicted class probabilities; points: the test set in their true class’s colour, mistakes ringed in red.</p>${decisionMapSvg(r.decision.grid, r.decision.points)}</section>`,
    );
  }
  const table = `<section><h2>Epochs</h2><table class="epochs"><tr><th>epoch</th><th>train loss</th><th>train acc</th><th>val loss</th><th>val acc</th><th>val loss EMA</th><th>lr</th></tr>${r.epochs
    .map(
      (e) =>
        `<tr${e.epoch === r.bestEpoch ? ' class="best"' : ''}><td>${e.epoch}</td><td>${formatNumber(e.loss)}</td><td>${formatPercent(e.accuracy)}</td><td>${formatNumber(e.valLoss)}</td><td>${formatPercent(e.valAccuracy)}</td><td>${formatNumber(e.smoothedValLoss)}</td><td>${formatNumber(e.lr, 3)}</td></tr>`,
    )
    .join('')}</table></section>`;
  sections.push(table);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(r.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeXml(r.title)}</h1><p>${escapeXml(r.createdAt)}</p></header>
${sections.join('\n')}
<footer>Written by nabla train. Self-contained: no script, no network.</footer>
</body>
</html>
`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:0 auto;max-width:1200px;padding:16px 24px}
h1{font-size:22px;margin:8px 0 0}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
header p{color:#666;margin:2px 0}
table{border-collapse:collapse}th,td{padding:3px 10px;text-align:right}th{font-weight:600}
table.facts th{text-align:left;color:#555}table.facts td{text-align:left}
table.epochs tr:nth-child(even),table.per-class tr:nth-child(even){background:#f6f6f6}
table.epochs tr.best{background:#e3f4e3;font-weight:600}
pre.command{background:#f4f4f4;padding:8px;overflow-x:auto;white-space:pre-wrap}
.charts{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
svg.chart{background:#fff;border:1px solid #eee;max-width:100%;height:auto}
svg text{font-family:inherit}svg .title{font-size:14px;font-weight:600}svg .tick,svg .legend,svg .marker-label{font-size:11px}svg .label{font-size:12px;fill:#444}
svg .grid{stroke:#eee}svg .axis{stroke:#888}svg .series{fill:none;stroke-width:2}svg .marker{stroke-dasharray:3 3;stroke-width:1.5}
svg .count{font-size:11px}svg .hit{stroke:#333;stroke-width:0.5}
.digits{display:flex;flex-wrap:wrap;gap:10px}.digit{margin:0;text-align:center;font-size:12px}
.digit img{image-rendering:pixelated;display:block;border:1px solid #ccc;background:#000}
.digit .true{color:#2a7f2a;font-weight:600}.digit .predicted{color:#c22;font-weight:600}
footer{color:#888;margin:32px 0 8px;font-size:12px}
`;
