// The confusion matrix as an SVG heat map: rows are the true classes, columns the predicted
// ones, each cell shaded by its share of its row (so rare classes are as readable as common
// ones) and labelled with its count.
import { blues } from './color.js';
import { escapeXml, num } from './escape.js';

export function confusionMatrixSvg(
  matrix: readonly (readonly number[])[],
  classes: readonly string[],
): string {
  const n = classes.length;
  const longest = Math.max(...classes.map((c) => c.length));
  const labelSpace = Math.min(110, 14 + 7 * longest);
  const cell = Math.max(28, Math.min(48, Math.floor(440 / Math.max(1, n))));
  const left = labelSpace + 22;
  const top = 40;
  const size = cell * n;
  const width = left + size + 12;
  const height = top + size + labelSpace + 22;
  const parts: string[] = [];
  parts.push(
    `<text class="label" x="${num(left + size / 2)}" y="16" text-anchor="middle">predicted class</text>`,
    `<text class="label" transform="translate(12 ${num(top + size / 2)}) rotate(-90)" text-anchor="middle">true class</text>`,
  );
  matrix.forEach((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((count, p) => {
      const share = total > 0 ? count / total : 0;
      const x = left + p * cell;
      const y = top + t * cell;
      const cls = t === p ? 'cell hit' : 'cell';
      parts.push(
        `<rect class="${cls}" x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${blues(share)}"><title>true ${escapeXml(classes[t]!)}, predicted ${escapeXml(classes[p]!)}: ${count}</title></rect>`,
      );
      if (count > 0) {
        parts.push(
          `<text class="count" x="${num(x + cell / 2)}" y="${num(y + cell / 2 + 4)}" text-anchor="middle" fill="${share > 0.5 ? '#fff' : '#222'}">${count}</text>`,
        );
      }
    });
  });
  classes.forEach((c, k) => {
    parts.push(
      `<text class="tick" x="${left - 6}" y="${num(top + k * cell + cell / 2 + 4)}" text-anchor="end">${escapeXml(c)}</text>`,
      `<text class="tick" transform="translate(${num(left + k * cell + cell / 2 + 4)} ${top + size + 6}) rotate(-60)" text-anchor="end">${escapeXml(c)}</text>`,
    );
  });
  return `<svg class="chart confusion-matrix" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="confusion matrix">${parts.join('')}</svg>`;
}
