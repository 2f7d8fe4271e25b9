import { mul, softmax, sum, Variable } from '@nabla/autograd';
import { ArgumentError, DTypeError, randn, ShapeError, tensor, zeros } from '@nabla/tensor';
import { expectAllClose } from '@nabla/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { binaryCrossEntropy, binaryCrossEntropyWithLogits } from './binary.js';
import { InputCheckError, resetWarnings } from './check.js';
import { crossEntropy } from './cross-entropy.js';
import { l2Penalty } from './l2-penalty.js';
import { nllLoss } from './nll.js';
import { huberLoss, l1Loss, mseLoss } from './regression.js';

const f64 = (v: number[][] | number[]) => tensor(v, { dtype: 'float64' });
const classes = (v: number[]) => tensor(v, { dtype: 'int32' });

describe('values by hand', () => {
  it('mse, l1 and huber on one residual vector', () => {
    const x = f64([0, 1, 4]);
    const y = f64([0, 0.5, 1]);
    expect(mseLoss(x, y).item()).toBeCloseTo((0 + 0.25 + 9) / 3, 14);
    expect(l1Loss(x, y, { reduction: 'sum' }).item()).toBeCloseTo(3.5, 14);
    expect(huberLoss(x, y, { reduction: 'none' }).toArray()).toEqual([0, 0.125, 2.5]);
    expect(huberLoss(x, y, { delta: 2, reduction: 'none' }).toArray()).toEqual([0, 0.125, 4]);
  });

  it('crossEntropy with one-hot probability targets equals class targets', () => {
    const z = randn([5, 3], { seed: 1, dtype: 'float64' });
    const t = classes([0, 2, 1, 1, 0]);
    const onehot = f64([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
      [0, 1, 0],
      [1, 0, 0],
    ]);
    expectAllClose(crossEntropy(z, onehot).data, crossEntropy(z, t).data, { rtol: 1e-14 });
    expectAllClose(
      crossEntropy(z, onehot, { labelSmoothing: 0.2 }).data,
      crossEntropy(z, t, { labelSmoothing: 0.2 }).data,
      {
        rtol: 1e-14,
      },
    );
  });

  it("crossEntropy 'mean' divides by the weights of the counted samples; all ignored is NaN", () => {
    const z = randn([3, 2], { seed: 2, dtype: 'float64' });
    const weight = f64([2, 5]);
    const t = classes([0, -100, 1]);
    const each = crossEntropy(z, t, { weight, reduction: 'none' }).data.data;
    expect(each[1]).toBe(0);
    expect(crossEntropy(z, t, { weight }).item()).toBeCloseTo((each[0]! + each[2]!) / 7, 14);
    expect(crossEntropy(z, classes([-100, -100, -100])).item()).toBeNaN();
    expect(crossEntropy(z, classes([-100, -100, -100]), { reduction: 'sum' }).item()).toBe(0);
  });

  it('nllLoss of logSoftmax equals crossEntropy', () => {
    const z = randn([4, 5], { seed: 3, dtype: 'float64' });
    const t = classes([4, 0, 2, 2]);
    expectAllClose(nllLoss(softmaxLog(z), t).data, crossEntropy(z, t).data, { rtol: 1e-13 });
  });

  it('binary cross-entropy on probabilities and on logits agree', () => {
    const z = randn([3, 4], { seed: 4, dtype: 'float64' });
    const y = f64([
      [1, 0, 1, 0],
      [0, 0, 1, 1],
      [1, 1, 0, 0],
    ]);
    const p = tensor(
      Array.from(z.data, (v) => 1 / (1 + Math.exp(-v))),
      { shape: [3, 4], dtype: 'float64' },
    );
    expectAllClose(binaryCrossEntropy(p, y).data, binaryCrossEntropyWithLogits(z, y).data, {
      rtol: 1e-12,
    });
  });

  it('binaryCrossEntropy clamps the logs at -100 and keeps gradients finite at 0 and 1', () => {
    const p = new Variable(f64([0, 1, 0, 1]), true);
    const y = f64([1, 0, 0, 1]);
    const losses = Array.from(
      binaryCrossEntropy(p, y, { reduction: 'none' }).data.data,
      (v) => v + 0,
    );
    expect(losses).toEqual([100, 100, 0, 0]);
    binaryCrossEntropy(p, y).backward();
    expect(Array.from(p.grad!.data).every(Number.isFinite)).toBe(true);
    const q = new Variable(tensor([0, 1e-30]), true);
    binaryCrossEntropy(q, tensor([1, 1]), { reduction: 'sum' }).backward();
    expect(Array.from(q.grad!.data).every(Number.isFinite)).toBe(true);
  });

  it('binaryCrossEntropyWithLogits takes posWeight as a number or a tensor', () => {
    const z = f64([[0.5, -2]]);
    const y = f64([[1, 1]]);
    expectAllClose(
      binaryCrossEntropyWithLogits(z, y, { posWeight: 3 }).data,
      binaryCrossEntropyWithLogits(z, y, { posWeight: f64([3, 3]) }).data,
      { rtol: 1e-15 },
    );
    expectAllClose(
      binaryCrossEntropyWithLogits(z, y, { posWeight: 3, reduction: 'sum' }).data,
      mul(binaryCrossEntropyWithLogits(z, y, { reduction: 'sum' }), 3).data,
      { rtol: 1e-14 },
    );
  });

  it("l2Penalty is ½·Σw², its gradient is w (SGD's weightDecay), and it takes a module", () => {
    const w = new Variable(
      f64([
        [1, -2],
        [3, 0],
      ]),
      true,
    );
    const b = new Variable(f64([4]), true);
    const penalty = l2Penalty([w, b]);
    expect(penalty.item()).toBe(0.5 * (1 + 4 + 9 + 16));
    penalty.backward();
    expect(w.grad!.toArray()).toEqual(w.toArray());
    expect(l2Penalty({ parameters: () => [w] }).item()).toBe(7);
    expect(l2Penalty([]).item()).toBe(0);
  });

  it('accepts Tensors, Variables and int32 0/1 targets; keeps the dtype', () => {
    const x = new Variable(tensor([0.2, 0.7]), true);
    const loss = binaryCrossEntropy(x, tensor([0, 1], { dtype: 'int32' }));
    expect(loss.dtype).toBe('float32');
    expect(
      mseLoss(tensor([1, 2], { dtype: 'float64' }), tensor([1, 1], { dtype: 'int32' })).dtype,
    ).toBe('float64');
  });
});

/** logSoftmax by hand on a [N, C] tensor (the reference for nllLoss). */
function softmaxLog(z: ReturnType<typeof randn>) {
  const [n, c] = z.shape as [number, number];
  const out = zeros([n, c], { dtype: 'float64' });
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let j = 0; j < c; j++) m = Math.max(m, z.data[i * c + j]!);
    let s = 0;
    for (let j = 0; j < c; j++) s += Math.exp(z.data[i * c + j]! - m);
    for (let j = 0; j < c; j++) out.data[i * c + j] = z.data[i * c + j]! - m - Math.log(s);
  }
  return out;
}

describe('typed errors naming the loss', () => {
  it('shapes', () => {
    expect(() => mseLoss(zeros([2, 3]), zeros([3]))).toThrow(ShapeError);
    expect(() => mseLoss(zeros([2, 3]), zeros([3]))).toThrow(
      /^mseLoss: target shape \[3\] differs from input shape \[2,3\]/,
    );
    expect(() => crossEntropy(zeros([4]), classes([1]))).toThrow(
      /crossEntropy: logits must be \[N, C\]/,
    );
    expect(() => crossEntropy(zeros([2, 3]), classes([1, 2, 0]))).toThrow(
      /class targets must have shape \[2\]/,
    );
    expect(() => crossEntropy(zeros([2, 3]), zeros([2]))).toThrow(/astype\(target, 'int32'\)/);
    expect(() => crossEntropy(zeros([2, 3]), classes([0, 1]), { weight: zeros([2]) })).toThrow(
      /weight must be a Tensor of shape \[3\]/,
    );
    expect(() => nllLoss(zeros([2, 3, 1]), classes([0, 1]))).toThrow(
      /nllLoss: input must be log-probabilities/,
    );
    expect(() => binaryCrossEntropy(zeros([2]), zeros([2]), { weight: zeros([3]) })).toThrow(
      /does not broadcast/,
    );
  });

  it('dtypes', () => {
    expect(() => mseLoss(zeros([2]), zeros([2], { dtype: 'float64' }))).toThrow(DTypeError);
    expect(() => mseLoss(zeros([2], { dtype: 'int32' }), zeros([2]))).toThrow(
      /mseLoss: input must be float32 or float64/,
    );
    expect(() => crossEntropy(zeros([2, 3]), zeros([2, 3], { dtype: 'float64' }))).toThrow(
      /crossEntropy: probability targets are float64/,
    );
  });

  it('values and options', () => {
    expect(() => crossEntropy(zeros([2, 3]), classes([0, 3]))).toThrow(
      /target class 3 at sample 1 is outside 0..2/,
    );
    expect(() => crossEntropy(zeros([2, 3]), classes([0, 1]), { labelSmoothing: 1.5 })).toThrow(
      ArgumentError,
    );
    expect(() => crossEntropy(zeros([2, 3]), zeros([2, 3]), { ignoreIndex: 1 })).toThrow(
      /class-index targets only/,
    );
    expect(() => mseLoss(zeros([1]), zeros([1]), { reduction: 'avg' as 'mean' })).toThrow(
      /reduction must be/,
    );
    expect(() => huberLoss(zeros([1]), zeros([1]), { delta: 0 })).toThrow(
      /delta must be a positive number/,
    );
    expect(() => binaryCrossEntropy(tensor([0.5, 2]), tensor([0, 1]))).toThrow(
      /element 1 is 2 \(logits\? use binaryCrossEntropyWithLogits/,
    );
    expect(() => binaryCrossEntropy(tensor([0.5]), tensor([1.5]))).toThrow(
      /target values must lie in \[0, 1\]/,
    );
    expect(() => mseLoss([1, 2] as never, zeros([2]))).toThrow(/wrap it with tensor/);
  });
});

describe('probabilities where logits are expected', () => {
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    resetWarnings();
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  const probs = () => softmax(randn([4, 3], { seed: 5 }), { axis: 1 });

  it('crossEntropy on softmax output warns once', () => {
    crossEntropy(probs(), classes([0, 1, 2, 0]));
    crossEntropy(probs(), classes([0, 1, 2, 0]));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(
      /crossEntropy: .*look like probabilities.*remove the final Softmax/,
    );
  });

  it("check: 'error' throws, check: 'off' is silent, logits pass", () => {
    expect(() => crossEntropy(probs(), classes([0, 1, 2, 0]), { check: 'error' })).toThrow(
      InputCheckError,
    );
    crossEntropy(probs(), classes([0, 1, 2, 0]), { check: 'off' });
    crossEntropy(randn([4, 3], { seed: 6 }), classes([0, 1, 2, 0]));
    expect(warn).not.toHaveBeenCalled();
  });

  it('nllLoss warns on probabilities and on logits, not on log-probabilities', () => {
    nllLoss(softmaxLog(randn([4, 3], { seed: 7, dtype: 'float64' })), classes([0, 1, 2, 0]));
    expect(warn).not.toHaveBeenCalled();
    expect(() => nllLoss(probs(), classes([0, 1, 2, 0]), { check: 'error' })).toThrow(
      /these are probabilities/,
    );
    expect(() =>
      nllLoss(randn([4, 3], { seed: 8 }), classes([0, 1, 2, 0]), { check: 'error' }),
    ).toThrow(/positive values/);
    nllLoss(randn([4, 3], { seed: 8 }), classes([0, 1, 2, 0]));
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('gradients still flow when a warning is given', () => {
    const x = new Variable(probs().data, true);
    sum(crossEntropy(x, classes([0, 1, 2, 0]))).backward();
    expect(x.grad).not.toBeNull();
  });
});
