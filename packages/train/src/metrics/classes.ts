// Reading classes out of outputs and targets: the one place that decides what a prediction is,
// shared by accuracy, top-k accuracy and the confusion matrix.
import { formatShape, ShapeError, type Tensor } from '@nabla/tensor';

/**
 * The layout of a classification output: `binary` for one logit per sample (`[N]` or `[N, 1]`),
 * otherwise `classes` logits per sample (`[N, C]`).
 */
export interface OutputLayout {
  rows: number;
  classes: number;
  binary: boolean;
}

export function outputLayout(op: string, output: Tensor): OutputLayout {
  if (output.rank === 1) return { rows: output.shape[0]!, classes: 2, binary: true };
  if (output.rank === 2) {
    const cols = output.shape[1]!;
    return { rows: output.shape[0]!, classes: cols === 1 ? 2 : cols, binary: cols === 1 };
  }
  throw new ShapeError(
    op,
    `expects outputs [N, C] (class logits) or [N] / [N, 1] (one binary logit), got ${formatShape(output.shape)}`,
  );
}

/** The predicted class of row `i`: logit > threshold for one column, else the first argmax. */
export function predictedClass(
  out: ArrayLike<number>,
  i: number,
  layout: OutputLayout,
  threshold: number,
): number {
  if (layout.binary) return out[i]! > threshold ? 1 : 0;
  const c = layout.classes;
  const row = i * c;
  let best = 0;
  let bestValue = out[row]!;
  for (let j = 1; j < c; j++) {
    const v = out[row + j]!;
    if (v > bestValue) {
      bestValue = v;
      best = j;
    }
  }
  return best;
}

/**
 * Checks `target` against an output layout and returns how to read a row's class: class indices
 * `[N]` (int32 or float), `[N, 1]` 0/1 targets for binary outputs, or one-hot / probability rows
 * `[N, C]` (the argmax is the class).
 */
export function targetReader(
  op: string,
  target: Tensor,
  layout: OutputLayout,
): (i: number) => number {
  const t = target.data;
  const { rows, classes } = layout;
  if (target.shape[0] !== rows) {
    throw new ShapeError(
      op,
      `output and target disagree on the batch size: ${rows} rows against target ${formatShape(target.shape)}`,
    );
  }
  if (target.rank === 1 || (target.rank === 2 && target.shape[1] === 1)) {
    // A 0/1 float target of a binary output counts as class 1 from 0.5 up (soft labels too).
    return layout.binary ? (i) => (t[i]! >= 0.5 ? 1 : 0) : (i) => t[i]!;
  }
  if (target.rank === 2 && target.shape[1] === classes && !layout.binary) {
    return (i) => predictedClass(t, i, layout, 0);
  }
  throw new ShapeError(
    op,
    `target must be class indices [${rows}] or one-hot rows [${rows}, ${classes}] for outputs with ${layout.binary ? 'one logit' : `${classes} classes`}, got ${formatShape(target.shape)}`,
  );
}
