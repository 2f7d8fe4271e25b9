// Gradient checking with PyTorch's semantics: the analytic Jacobian (one backward per output
// element) against central differences (two forwards per input element), entry by entry.
import {
  ArgumentError,
  formatShape,
  Generator,
  NablaError,
  Tensor,
  type TypedArray,
  unravelIndex,
} from '@nabla/tensor';
import { gradients } from './engine.js';
import { enableGrad } from './grad-mode.js';
import { concat, reshape } from './ops/shape.js';
import { Variable } from './variable.js';

export interface GradcheckOptions {
  /** Step of the central differences (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance, against the numeric value (default 1e-3). */
  rtol?: number;
  /** Throw a descriptive NablaError on a mismatch (default true); else only report it. */
  raiseException?: boolean;
}

/** One entry of the Jacobian: d output[outputIndex] / d inputs[input][inputIndex]. */
export interface GradcheckEntry {
  /** Position of the input in the `inputs` array. */
  input: number;
  inputIndex: number[];
  outputIndex: number[];
  analytic: number;
  numeric: number;
  absError: number;
  relError: number;
}

export interface GradcheckReport {
  /** Whether every entry satisfies `|analytic − numeric| ≤ atol + rtol·|numeric|`. */
  ok: boolean;
  /** Largest `|analytic − numeric|` over all entries. */
  maxAbsError: number;
  /** Largest `|analytic − numeric| / max(|numeric|, atol)` over all entries. */
  maxRelError: number;
  /** The entry furthest outside the tolerance (or, if all pass, with the largest error). */
  worst: GradcheckEntry | null;
  /** How many Jacobian entries were compared. */
  entries: number;
}

export type GradcheckFunction = (...inputs: Variable[]) => Variable;

let warnedFloat32 = false;

/**
 * Compares the gradients `backward` computes for `f` with numeric central differences, for every
 * input that is a float Tensor or a Variable requiring gradients (others are constants). Use
 * float64 inputs: float32 cannot resolve eps = 1e-6, so it warns (once).
 *
 * ```ts
 * const x = variable([[1, 2], [3, 4]], { requiresGrad: true, dtype: 'float64' });
 * gradcheck((x) => sum(tanh(x)), [x]).ok; // true
 * ```
 */
export function gradcheck(
  f: GradcheckFunction,
  inputs: readonly (Variable | Tensor)[],
  options: GradcheckOptions = {},
): GradcheckReport {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  const raise = options.raiseException ?? true;
  if (!Array.isArray(inputs)) throw new NablaError('gradcheck', 'inputs must be an array');
  // eps 0 divides by zero and a NaN tolerance passes nothing: either would be reported as a
  // Jacobian mismatch of the function, blaming the wrong thing.
  if (!(typeof eps === 'number' && eps > 0 && Number.isFinite(eps))) {
    throw new ArgumentError('gradcheck', `eps must be a finite number > 0, got ${String(eps)}`);
  }
  for (const [name, value] of [
    ['atol', atol],
    ['rtol', rtol],
  ] as const) {
    if (!(typeof value === 'number' && value >= 0 && Number.isFinite(value))) {
      throw new ArgumentError(
        'gradcheck',
        `${name} must be a finite number >= 0, got ${String(value)}`,
      );
    }
  }

  const checked: number[] = [];
  const leaves = inputs.map((x, i) => {
    const t = x instanceof Variable ? x.data : x;
    if (!(t instanceof Tensor)) {
      throw new NablaError('gradcheck', `input ${i} must be a Variable or a Tensor`);
    }
    const differentiate = x instanceof Variable ? x.requiresGrad : t.dtype !== 'int32';
    if (!differentiate) return x instanceof Variable ? x : new Variable(t);
    checked.push(i);
    // A private copy: the numeric pass perturbs it in place.
    return new Variable(t.clone(), true);
  });
  if (checked.length === 0) {
    throw new NablaError(
      'gradcheck',
      'no input to check: pass float Tensors or Variables with requiresGrad: true',
    );
  }
  if (!warnedFloat32 && checked.some((i) => leaves[i]!.dtype === 'float32')) {
    warnedFloat32 = true;
    console.warn(
      'gradcheck: float32 inputs cannot resolve central differences with eps = 1e-6; use float64 inputs for a meaningful check',
    );
  }

  const evaluate = (): Variable => {
    const y = enableGrad(() => f(...leaves));
    if (!(y instanceof Variable)) {
      throw new NablaError('gradcheck', 'the function must return a Variable');
    }
    return y;
  };
  const y = evaluate();
  const m = y.size;
  const targets = checked.map((i) => leaves[i]!);

  // Analytic Jacobians, row by row: backward from each output element.
  const analytic = targets.map((t) => new Float64Array(m * t.size));
  if (y.requiresGrad) {
    for (let r = 0; r < m; r++) {
      const seed = new Tensor(y.data.data.slice().fill(0), y.shape);
      seed.data[r] = 1;
      const rows = gradients(y, targets, { gradOutputs: seed, retainGraph: true });
      rows.forEach((row, k) => {
        const n = targets[k]!.size;
        const src = row.data.data;
        for (let j = 0; j < n; j++) analytic[k]![r * n + j] = src[j]!;
      });
    }
  }

  // Numeric Jacobians, column by column: central differences in each input element.
  let maxAbsError = 0;
  let maxRelError = 0;
  let worst: GradcheckEntry | null = null;
  let worstExcess = Number.NEGATIVE_INFINITY;
  let entries = 0;
  targets.forEach((t, k) => {
    const data: TypedArray = t.data.data;
    const n = t.size;
    for (let j = 0; j < n; j++) {
      const original = data[j]!;
      data[j] = original + eps;
      // Copies: f may return a view of its input (reshape), which the next step overwrites.
      const plus = evaluate().data.data.slice();
      data[j] = original - eps;
      const minus = evaluate().data.data.slice();
      data[j] = original;
      for (let r = 0; r < m; r++) {
        const numeric = (plus[r]! - minus[r]!) / (2 * eps);
        const a = analytic[k]![r * n + j]!;
        const absError = Math.abs(a - numeric);
        const relError = absError / Math.max(Math.abs(numeric), atol);
        const excess = absError - (atol + rtol * Math.abs(numeric));
        entries++;
        if (absError > maxAbsError || Number.isNaN(absError)) maxAbsError = absError;
        if (relError > maxRelError || Number.isNaN(relError)) maxRelError = relError;
        if (excess > worstExcess || (Number.isNaN(excess) && !Number.isNaN(worstExcess))) {
          worstExcess = Number.isNaN(excess) ? Number.NaN : excess;
          worst = {
            input: checked[k]!,
            inputIndex: unravelIndex(j, t.shape),
            outputIndex: unravelIndex(r, y.shape),
            analytic: a,
            numeric,
            absError,
            relError,
          };
        }
      }
    }
  });
  const ok = !(worstExcess > 0) && !Number.isNaN(worstExcess);
  const report: GradcheckReport = { ok, maxAbsError, maxRelError, worst, entries };
  if (!ok && raise)
    throw new NablaError('gradcheck', describeMismatch(report, inputs, { eps, atol, rtol }));
  return report;
}

function describeMismatch(
  report: GradcheckReport,
  inputs: readonly (Variable | Tensor)[],
  tol: { eps: number; atol: number; rtol: number },
): string {
  const w = report.worst!;
  const shape = formatShape(inputs[w.input]!.shape);
  return [
    `Jacobian mismatch for input ${w.input} (shape ${shape}) at index ${formatShape(w.inputIndex)}, output index ${formatShape(w.outputIndex)}:`,
    `analytic ${w.analytic}, numeric ${w.numeric} (|difference| ${w.absError.toExponential(3)} > atol + rtol·|numeric| = ${(tol.atol + tol.rtol * Math.abs(w.numeric)).toExponential(3)}).`,
    `Over ${report.entries} entries: max abs error ${report.maxAbsError.toExponential(3)}, max rel error ${report.maxRelError.toExponential(3)} (eps=${tol.eps}, atol=${tol.atol}, rtol=${tol.rtol}).`,
    'The analytic side is the backward of the ops f uses; check them, the input domain (kinks, poles) and that inputs are float64.',
  ].join('\n  ');
}

export interface GradgradcheckOptions extends GradcheckOptions {
  /** The output gradient to differentiate through (default: seeded standard normal values). */
  gradOutputs?: Tensor;
  /** Seed for the default `gradOutputs` (default 0). */
  seed?: number;
}

/**
 * Checks second derivatives: `gradcheck` of `(inputs, v) ↦ vᵀ·∂f/∂inputs`, the first-order
 * gradients computed with `createGraph`, with respect to the inputs and to `v` (PyTorch's
 * `gradgradcheck`).
 */
export function gradgradcheck(
  f: GradcheckFunction,
  inputs: readonly (Variable | Tensor)[],
  options: GradgradcheckOptions = {},
): GradcheckReport {
  const probe = enableGrad(() =>
    f(...inputs.map((x) => (x instanceof Variable ? x.detach() : new Variable(x)))),
  );
  if (!(probe instanceof Variable)) {
    throw new NablaError('gradgradcheck', 'the function must return a Variable');
  }
  let v = options.gradOutputs;
  if (v === undefined) {
    const gen = new Generator(options.seed ?? 0);
    const values = probe.data.data.slice();
    for (let i = 0; i < values.length; i++) values[i] = gen.nextNormal();
    v = new Tensor(values, probe.shape);
  }
  const n = inputs.length;
  const firstOrder = (...args: Variable[]): Variable => {
    const xs = args.slice(0, n);
    const gv = args[n]!;
    const y = f(...xs);
    const wrt = xs.filter((x) => x.requiresGrad);
    const grads = gradients(y, wrt, { gradOutputs: gv, createGraph: true });
    return concat(
      grads.map((g) => reshape(g, [-1])),
      { axis: 0 },
    );
  };
  return gradcheck(firstOrder, [...inputs, v], options);
}
