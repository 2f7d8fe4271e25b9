// Every misuse raises a typed NablaError naming the op, the shapes or dtypes, and the fix.
import * as raw from '@nabla/tensor';
import { DTypeError, NablaError, ShapeError } from '@nabla/tensor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { add, gradcheck, linear, matmul, mul, sum, tanh, variable } from '../src/index.js';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('errors', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('backward on a non-scalar without a gradient', () => {
    const x = variable([1, 2, 3], { requiresGrad: true });
    const e = thrown(() => tanh(x).backward());
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toMatch(
      /^backward: the output of 'tanh' has shape \[3\].*Pass one of shape \[3\]/,
    );
  });

  it('a gradient of the wrong shape', () => {
    const x = variable([[1, 2, 3]], { requiresGrad: true });
    const e = thrown(() => mul(x, 2).backward(raw.ones([3])));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toMatch(/gradient has shape \[3\] but the output of 'mul' has shape \[1,3\]/);
  });

  it('a gradient of the wrong dtype', () => {
    const x = variable([1, 2], { requiresGrad: true });
    const e = thrown(() => mul(x, 2).backward(raw.ones([2], { dtype: 'float64' })));
    expect(e).toBeInstanceOf(DTypeError);
    expect(e.message).toMatch(/float64 but the output of 'mul' is float32/);
  });

  it('a second backward through a freed graph', () => {
    const x = variable([1, 2], { requiresGrad: true });
    const loss = sum(tanh(x));
    loss.backward();
    const e = thrown(() => loss.backward());
    expect(e).toBeInstanceOf(NablaError);
    expect(e.message).toMatch(/graph through 'sum' was freed.*retainGraph: true/);
    // Another output sharing the freed part of the graph fails at the first freed node.
    const y = tanh(x);
    const z = sum(y);
    sum(mul(y, 2)).backward();
    expect(thrown(() => z.backward()).message).toMatch(/graph through 'tanh' was freed/);
  });

  it('mixing float32 and float64', () => {
    const a = variable([1, 2], { requiresGrad: true, dtype: 'float32' });
    const b = variable([1, 2], { dtype: 'float64' });
    for (const [op, fn] of [
      ['add', () => add(a, b)],
      ['matmul', () => matmul(a, b)],
      ['linear', () => linear(variable([[1, 2]], { dtype: 'float64' }), variable([[1, 2]]))],
    ] as const) {
      const e = thrown(fn);
      expect(e).toBeInstanceOf(DTypeError);
      expect(e.message).toMatch(new RegExp(`^${op}: cannot mix float(32|64) and float(32|64)`));
    }
  });

  it('asking an int32 Variable for gradients', () => {
    expect(thrown(() => variable([1, 2], { requiresGrad: true, dtype: 'int32' }))).toBeInstanceOf(
      DTypeError,
    );
    const v = variable([1, 2], { dtype: 'int32' });
    expect(() => {
      v.requiresGrad = true;
    }).toThrow(/int32 values cannot require gradients/);
  });

  it('backward on something that needs no gradient', () => {
    const x = variable([1, 2]);
    expect(thrown(() => sum(x).backward()).message).toMatch(
      /output of 'sum' does not require a gradient/,
    );
  });

  it('changing requiresGrad on a non-leaf', () => {
    const y = tanh(variable([1], { requiresGrad: true }));
    expect(() => {
      y.requiresGrad = false;
    }).toThrow(/only be changed on leaves.*'tanh'/);
  });

  it('gradcheck reports a wrong gradient, and throws unless asked not to', () => {
    // x · stop(x) has analytic gradient x but numeric gradient 2x.
    const f = (x: ReturnType<typeof variable>) => sum(mul(x, x.detach()));
    const x = raw.tensor([1, 2], { dtype: 'float64' });
    const report = gradcheck(f, [x], { raiseException: false });
    expect(report.ok).toBe(false);
    expect(report.maxAbsError).toBeCloseTo(2, 5);
    expect(report.worst).toMatchObject({ input: 0, inputIndex: [1], outputIndex: [] });
    expect(report.worst!.analytic).toBeCloseTo(2, 9);
    expect(report.worst!.numeric).toBeCloseTo(4, 5);
    const e = thrown(() => gradcheck(f, [x]));
    expect(e).toBeInstanceOf(NablaError);
    expect(e.message).toMatch(
      /^gradcheck: Jacobian mismatch for input 0 \(shape \[2\]\) at index \[1\]/,
    );
  });

  it('gradcheck warns once about float32 inputs', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const x = raw.tensor([0.5, 1]);
    gradcheck((v) => sum(tanh(v)), [x], { atol: 1e-2, rtol: 1e-2, raiseException: false });
    gradcheck((v) => sum(tanh(v)), [x], { atol: 1e-2, rtol: 1e-2, raiseException: false });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/float32/);
  });
});
