// The documented API shapes, the functional transforms and the fused ops' semantics.
import * as raw from '@nabla/tensor';
import { expectAllClose } from '@nabla/testkit';
import { describe, expect, it } from 'vitest';
import {
  add,
  binaryCrossEntropyWithLogits,
  crossEntropyWithLogits,
  gather,
  grad,
  gradcheck,
  gradients,
  hessian,
  jacobian,
  linear,
  log,
  logSoftmax,
  matmul,
  mean,
  mul,
  neg,
  relu,
  sigmoid,
  sub,
  sum,
  tanh,
  type Variable,
  valueAndGrad,
  variable,
} from '../src/index.js';

const f64 = { requiresGrad: true, dtype: 'float64' } as const;

describe('API shape', () => {
  it('takes the option objects of @nabla/tensor', () => {
    const x = variable(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      f64,
    );
    const w = variable(
      [
        [1, 0, -1],
        [0.5, 0.5, 0.5],
      ],
      f64,
    );
    const logits = matmul(x, w, { transposeB: true });
    const loss = neg(sum(sum(logSoftmax(logits, { axis: 1 }), { axis: 1 })));
    loss.backward();
    expect(x.grad!.shape).toEqual([2, 3]);
    expect(Array.isArray(w.grad!.toArray())).toBe(true);
    const report = gradcheck(
      (a, b) => sum(logSoftmax(matmul(a, b, { transposeB: true }), { axis: 1 })),
      [x, w],
    );
    expect(report).toMatchObject({ ok: true });
    expect(report.maxAbsError).toBeLessThan(1e-6);
    expect(report.maxRelError).toBeLessThan(1e-3);
  });

  it('has a fluent subset', () => {
    const x = variable([[1, -2]], f64);
    const w = variable(
      [
        [1, 2],
        [3, 4],
      ],
      f64,
    );
    const b = variable([0.5, -0.5], f64);
    const y = x.matmul(w).add(b).relu().sum();
    y.backward();
    // x·w = [-5, -6] + b = [-4.5, -6.5] → relu 0: no gradient flows.
    expectAllClose(b.grad!, [0, 0]);
    expect(y.op).toBe('sum');
    expect(x.op).toBe('leaf');
    expect(String(y)).toMatch(/requiresGrad, op=sum/);
  });

  it('hessian takes a Tensor or a Variable and returns [...x.shape, ...x.shape]', () => {
    const f = (x: Variable) => sum(mul(mul(x, x), x));
    const x = raw.tensor([[1, 2]], { dtype: 'float64' });
    const h1 = hessian(f, x);
    const h2 = hessian(f, variable(x, { requiresGrad: true }));
    expect(h1.shape).toEqual([1, 2, 1, 2]);
    expectAllClose(h1, [[[[6, 0]], [[0, 12]]]]);
    expectAllClose(h2, h1);
  });
});

describe('functional transforms', () => {
  it('grad and valueAndGrad with argnums', () => {
    const f = (x: Variable, y: Variable) => sum(mul(mul(x, x), y));
    const x = raw.tensor([1, 2], { dtype: 'float64' });
    const y = raw.tensor([3, 4], { dtype: 'float64' });
    expectAllClose(grad(f)(x, y).data, [6, 16]);
    const [dx, dy] = grad(f, { argnums: [0, 1] })(x, y);
    expectAllClose(dx!.data, [6, 16]);
    expectAllClose(dy!.data, [1, 4]);
    const [value, g] = valueAndGrad(f, { argnums: 1 })(x, y);
    expect(value.item()).toBe(19);
    expect(value.requiresGrad).toBe(false);
    expectAllClose(g.data, [1, 4]);
  });

  it('gradients returns zeros for inputs that do not matter, without touching .grad', () => {
    const x = variable([1, 2], f64);
    const unused = variable([5], f64);
    const [gx, gu] = gradients(sum(tanh(x)), [x, unused]);
    expectAllClose(gx!.data, raw.sub(1, raw.mul(raw.tanh(x.data), raw.tanh(x.data))));
    expectAllClose(gu!.data, [0]);
    expect(x.grad).toBeNull();
  });

  it('gradients of an intermediate value', () => {
    const x = variable([1, 2], f64);
    const h = mul(x, 3);
    const [gh] = gradients(sum(mul(h, h)), [h]);
    expectAllClose(gh!.data, [6, 12]);
  });

  it('jacobian', () => {
    const j = jacobian((x) => mul(x, x), raw.tensor([1, 2, 3], { dtype: 'float64' }));
    expectAllClose(j, [
      [2, 0, 0],
      [0, 4, 0],
      [0, 0, 6],
    ]);
  });
});

describe('fused ops agree with their composites', () => {
  const x = raw.tensor(
    [
      [0.5, -1, 2],
      [1, 0.25, -0.5],
    ],
    { dtype: 'float64' },
  );
  const w = raw.tensor(
    [
      [0.1, 0.2, 0.3],
      [-0.4, 0.5, -0.6],
    ],
    { dtype: 'float64' },
  );
  const b = raw.tensor([0.05, -0.05], { dtype: 'float64' });

  it('linear is x·wᵀ + b', () => {
    const fused = linear(x, w, b);
    const composite = add(matmul(x, w, { transposeB: true }), b);
    expectAllClose(fused.data, composite.data, { rtol: 1e-14 });
    expectAllClose(linear(raw.tensor([1, 2, 3], { dtype: 'float64' }), w).data, [1.4, -1.2]);
  });

  it('linear with an activation is the activation of linear, bit for bit, as one node', () => {
    const x32 = raw.randn([4, 3], { seed: 1 });
    const w32 = raw.randn([2, 3], { seed: 2 });
    const b32 = raw.randn([2], { seed: 3 });
    const plain = raw.linear(x32, w32, b32);
    for (const [activation, f] of [
      ['tanh', raw.tanh],
      ['sigmoid', raw.sigmoid],
      ['relu', raw.relu],
    ] as const) {
      const y = linear(x32, w32, b32, { activation });
      expect(Array.from(y.data.data)).toEqual(Array.from(f(plain).data));
    }
    const wv = variable(w32, { requiresGrad: true });
    expect(linear(x32, wv, b32, { activation: 'tanh' }).op).toBe('linear+tanh');
    expect(() => linear(x32, w32, b32, { activation: 'gelu' as 'relu' })).toThrow(
      /activation must be 'relu', 'tanh' or 'sigmoid', got "gelu"/,
    );
  });

  it('cross-entropy is −log softmax at the target, per sample or averaged', () => {
    const z = raw.tensor(
      [
        [1, 2, 3],
        [1, -1, 0],
      ],
      { dtype: 'float64' },
    );
    const t = raw.tensor([2, 0], { dtype: 'int32' });
    const logp = logSoftmax(z, { axis: 1 });
    const expected = neg(gather(logp, raw.reshape(t, [2, 1]), { axis: 1 }));
    const none = crossEntropyWithLogits(z, t, { reduction: 'none' });
    expectAllClose(none.data, raw.reshape(expected.data, [2]), { rtol: 1e-14 });
    expectAllClose(crossEntropyWithLogits(z, t).data, mean(expected).data, { rtol: 1e-14 });
    expectAllClose(crossEntropyWithLogits(z, t, { reduction: 'sum' }).data, sum(expected).data, {
      rtol: 1e-14,
    });
    // One-hot probability targets give the same losses.
    const oneHot = raw.oneHot(t, 3, { dtype: 'float64' });
    expectAllClose(crossEntropyWithLogits(z, oneHot, { reduction: 'none' }).data, none.data);
  });

  it('binary cross-entropy is −[p·y·log σ(z) + (1 − y)·log(1 − σ(z))]', () => {
    const z = raw.tensor([-2, 0.5, 3], { dtype: 'float64' });
    const y = raw.tensor([0, 0.3, 1], { dtype: 'float64' });
    const p = 2.5;
    const s = sigmoid(z);
    const expected = neg(add(mul(mul(y, p), log(s)), mul(sub(1, y), log(sub(1, s)))));
    const fused = binaryCrossEntropyWithLogits(z, y, { reduction: 'none', posWeight: p });
    expectAllClose(fused.data, expected.data, { rtol: 1e-12 });
    expectAllClose(
      binaryCrossEntropyWithLogits(z, y).data,
      mean(neg(add(mul(y, log(s)), mul(sub(1, y), log(sub(1, s)))))).data,
      { rtol: 1e-12 },
    );
  });

  it('relu passes gradients only where its input is positive', () => {
    const v = variable([-1, 0, 2], f64);
    sum(relu(v)).backward();
    expectAllClose(v.grad!, [0, 0, 1]);
  });
});
