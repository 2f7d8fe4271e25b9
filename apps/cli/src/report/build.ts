// The report's contents from a finished run: the epochs, the test confusion matrix, and the
// picture that suits the data (misclassified images, or a 2-D model's decision regions).
import type { Module } from '@nabla/nn';
import { Tensor } from '@nabla/tensor';
import type { LoadedData } from '../data/load.js';
import { applyNormalization, type Normalization } from '../data/normalize.js';
import { predictProbabilities } from '../model/predict.js';
import type { ImageExample } from './digits.js';
import type { ReportData } from './html.js';
import type { DecisionGrid, LabelledPoint } from './svg/decision-map.js';

/** Misclassified images shown at most. */
const MAX_IMAGES = 48;
/** Decision-map cells per side. */
const GRID = 64;

/** What the run knows: the report's own fields it passes on, and what the rest is made from. */
export interface ReportInput
  extends Pick<
    ReportData,
    'title' | 'command' | 'facts' | 'epochs' | 'bestEpoch' | 'stoppedEpoch' | 'stopMessage'
  > {
  readonly data: LoadedData;
  readonly stats: Normalization;
  readonly model: Module;
  /** Test-set probabilities [n, classes], from the normalised test inputs. */
  readonly probabilities: Float32Array;
  readonly confusion: number[][];
}

export function buildReport(input: ReportInput): ReportData {
  const { data, stats, model, probabilities, confusion, ...run } = input;
  const k = data.classes.length;
  const y = data.test.y.data;
  const predicted = Array.from({ length: y.length }, (_, i) => argmax(probabilities, k, i));
  return {
    ...run,
    createdAt: new Date().toISOString().replace('T', ' ').slice(0, 19),
    classes: data.classes,
    confusion,
    misclassified:
      data.kind === 'image' && data.imageShape !== null
        ? misclassified(data, probabilities, predicted)
        : null,
    decision: data.features === 2 ? decision(data, stats, model, predicted) : null,
  };
}

function argmax(p: Float32Array, k: number, row: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (p[row * k + c]! > p[row * k + best]!) best = c;
  return best;
}

/** The most confident mistakes first: the ones most worth a look. */
function misclassified(
  data: LoadedData,
  probabilities: Float32Array,
  predicted: number[],
): ImageExample[] {
  const [height, width] = data.imageShape!;
  const k = data.classes.length;
  const y = data.test.y.data;
  const x = data.test.x.data;
  const size = width * height;
  const wrong = predicted
    .map((p, i) => ({ i, p, confidence: probabilities[i * k + p]! }))
    .filter(({ i, p }) => p !== y[i])
    .sort((a, b) => b.confidence - a.confidence || a.i - b.i)
    .slice(0, MAX_IMAGES);
  return wrong.map(({ i, p, confidence }) => ({
    pixels: x.subarray(i * size, (i + 1) * size),
    width,
    height,
    label: data.classes[y[i]!]!,
    predicted: data.classes[p]!,
    confidence,
  }));
}

function decision(
  data: LoadedData,
  stats: Normalization,
  model: Module,
  predicted: number[],
): { grid: DecisionGrid; points: LabelledPoint[] } {
  const x = data.test.x.data;
  const n = data.test.y.size;
  let xMin = Number.POSITIVE_INFINITY;
  let xMax = Number.NEGATIVE_INFINITY;
  let yMin = Number.POSITIVE_INFINITY;
  let yMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    xMin = Math.min(xMin, x[2 * i]!);
    xMax = Math.max(xMax, x[2 * i]!);
    yMin = Math.min(yMin, x[2 * i + 1]!);
    yMax = Math.max(yMax, x[2 * i + 1]!);
  }
  // A square view with a margin, so the regions are seen around the points.
  const cx = (xMin + xMax) / 2;
  const cy = (yMin + yMax) / 2;
  const half = (Math.max(xMax - xMin, yMax - yMin) / 2) * 1.1 || 1;
  const xRange = [cx - half, cx + half] as const;
  const yRange = [cy - half, cy + half] as const;
  const cells = new Float32Array(GRID * GRID * 2);
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      // Cell centres; row 0 is the top (largest y).
      cells[2 * (r * GRID + c)] = xRange[0] + ((c + 0.5) / GRID) * (xRange[1] - xRange[0]);
      cells[2 * (r * GRID + c) + 1] = yRange[1] - ((r + 0.5) / GRID) * (yRange[1] - yRange[0]);
    }
  }
  const normalised = applyNormalization(new Tensor(cells, [GRID * GRID, 2]), stats);
  const probabilities = predictProbabilities(model, normalised);
  const y = data.test.y.data;
  const points = Array.from({ length: n }, (_, i) => ({
    x: x[2 * i]!,
    y: x[2 * i + 1]!,
    label: y[i]!,
    predicted: predicted[i]!,
  }));
  return {
    grid: { xRange, yRange, resolution: GRID, probabilities, classes: data.classes },
    points,
  };
}
