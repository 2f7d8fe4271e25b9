// Every loss against PyTorch (scripts/make-fixtures.py): values and input gradients, every
// reduction and option, float64 and float32, including extreme logits of ±1e4.
import { readFileSync } from 'node:fs';
import { mul, sum, Variable } from '@nabla/autograd';
import { type DType, type Tensor, tensor } from '@nabla/tensor';
import { describe, expect, it } from 'vitest';
import {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  crossEntropy,
  huberLoss,
  l1Loss,
  mseLoss,
  nllLoss,
} from '../src/index.js';

interface Encoded {
  dtype: DType;
  shape: number[];
  data: number[];
}

interface Case {
  name: string;
  loss: string;
  dtype: 'float32' | 'float64';
  options: Record<string, unknown>;
  input: Encoded;
  target: Encoded;
  output: Encoded;
  gradOutput?: Encoded;
  grad?: Encoded;
}

const fixtures = JSON.parse(
  readFileSync(new URL('./fixtures/losses.json', import.meta.url), 'utf8'),
) as { torch: string; cases: Case[] };

const decode = (e: Encoded): Tensor => tensor(e.data, { shape: e.shape, dtype: e.dtype });

/** Encoded tensors in the options (weight, posWeight) decoded; numbers passed through. */
function options(c: Case): Record<string, unknown> {
  const out: Record<string, unknown> = { check: 'off' };
  for (const [k, v] of Object.entries(c.options)) {
    out[k] = v !== null && typeof v === 'object' && 'data' in v ? decode(v as Encoded) : v;
  }
  return out;
}

type Loss = (input: Variable, target: Tensor, options: Record<string, unknown>) => Variable;
const losses: Record<string, Loss> = {
  mseLoss,
  l1Loss,
  huberLoss,
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  crossEntropy,
  nllLoss,
};

/**
 * float64 to 1e-10 relative and float32 to 1e-5, elementwise, with an absolute floor of two
 * units in the last place of the largest input (2·eps·(1 + max|input|)) for entries that are
 * rounding noise of a cancellation. PyTorch computes BCE-with-logits as
 * −x + (log(e^−x + 1) + x), so its float32 loss at x = −8.55 is off by 3e-7 (Nabla's fused
 * softplus is exact there), its float64 log(1 + e^−50) is 0 instead of 2e-22, and so on.
 */
function expectClose(actual: Tensor, expected: Tensor, dtype: string, inputScale: number): void {
  expect(actual.shape).toEqual(expected.shape);
  const eps = dtype === 'float64' ? 2 ** -52 : 2 ** -23;
  const rtol = dtype === 'float64' ? 1e-10 : 1e-5;
  const atol = 2 * eps * (1 + inputScale);
  for (let i = 0; i < expected.size; i++) {
    const a = actual.data[i]!;
    const e = expected.data[i]!;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      throw new Error(
        `element ${i}: got ${a}, PyTorch ${e} (|diff| ${Math.abs(a - e)}, allowed ${atol + rtol * Math.abs(e)})`,
      );
    }
  }
}

const maxAbs = (e: Encoded): number => e.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe(`losses against PyTorch ${fixtures.torch}`, () => {
  it('covers every loss', () => {
    expect(new Set(fixtures.cases.map((c) => c.loss))).toEqual(new Set(Object.keys(losses)));
  });

  for (const c of fixtures.cases) {
    it(c.name, () => {
      const x = new Variable(decode(c.input), true);
      const target = decode(c.target);
      const out = losses[c.loss]!(x, target, options(c));
      expect(out.dtype).toBe(c.dtype);
      expectClose(out.data, decode(c.output), c.dtype, maxAbs(c.input));
      if (c.grad !== undefined && c.gradOutput !== undefined) {
        sum(mul(out, decode(c.gradOutput))).backward();
        expect(x.grad).not.toBeNull();
        expectClose(x.grad!, decode(c.grad), c.dtype, maxAbs(c.input));
      }
    });
  }
});
