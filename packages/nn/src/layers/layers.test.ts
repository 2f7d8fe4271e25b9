import { sum, Variable } from '@nabla/autograd';
import { Generator, randn, ShapeError, tensor, zeros } from '@nabla/tensor';
import { describe, expect, it } from 'vitest';
import { mlp } from '../mlp.js';
import { GELU, LeakyReLU, ReLU, Sigmoid, Softmax, Tanh } from './activations.js';
import { Dropout } from './dropout.js';
import { Linear } from './linear.js';
import { Sequential } from './sequential.js';
import { Flatten, Identity } from './shape.js';

describe('Linear', () => {
  it("has PyTorch's layout and initial bound ±1/√in, reproducible from the seed", () => {
    const layer = new Linear(25, 7, { seed: 11 });
    expect(layer.weight.shape).toEqual([7, 25]);
    expect(layer.bias!.shape).toEqual([7]);
    const values = [...layer.weight.data.data, ...layer.bias!.data.data];
    expect(values.every((v) => Math.abs(v) <= 0.2)).toBe(true);
    expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(0.15);
    expect(new Linear(25, 7, { seed: 11 }).weight.toArray()).toEqual(layer.weight.toArray());
    expect(new Linear(25, 7, { seed: 12 }).weight.toArray()).not.toEqual(layer.weight.toArray());
    // Without a seed: seed 0, documented.
    expect(new Linear(3, 2).weight.toArray()).toEqual(
      new Linear(3, 2, { seed: 0 }).weight.toArray(),
    );
    expect(layer.weight.requiresGrad && layer.bias!.requiresGrad).toBe(true);
  });

  it('computes x·Wᵀ + b over any leading axes', () => {
    const layer = new Linear(2, 3, { dtype: 'float64' });
    layer.weight.data.data.set([1, 2, 3, 4, 5, 6]);
    layer.bias!.data.data.set([0.5, -1, 0]);
    expect(layer.forward(tensor([[1, 1]], { dtype: 'float64' })).toArray()).toEqual([[3.5, 6, 11]]);
    expect(layer.forward(zeros([4, 5, 2], { dtype: 'float64' })).shape).toEqual([4, 5, 3]);
    expect(() => layer.forward(zeros([1, 3], { dtype: 'float64' }))).toThrow(ShapeError);
  });

  it('takes bias: false, a dtype and a shared generator', () => {
    const g = new Generator(5);
    const a = new Linear(3, 3, { bias: false, dtype: 'float64', generator: g });
    const b = new Linear(3, 3, { generator: g });
    expect(a.bias).toBeNull();
    expect(a.namedParameters().map(([n]) => n)).toEqual(['weight']);
    expect(a.weight.dtype).toBe('float64');
    expect(b.weight.toArray()).not.toEqual(a.weight.toArray());
    expect(() => new Linear(-1, 2)).toThrow(/inFeatures must be a non-negative integer/);
    expect(() => new Linear(2, 2, { dtype: 'int32' as 'float32' })).toThrow(/dtype/);
  });
});

describe('activations and shape modules', () => {
  it('compute their functions', () => {
    const x = tensor([-2, 0, 3], { dtype: 'float64' });
    expect(new ReLU().forward(x).toArray()).toEqual([0, 0, 3]);
    expect(new LeakyReLU({ negativeSlope: 0.5 }).forward(x).toArray()).toEqual([-1, 0, 3]);
    expect(new Sigmoid().forward(x).data.data[1]).toBe(0.5);
    expect(new Tanh().forward(x).data.data[2]).toBeCloseTo(Math.tanh(3), 15);
    expect(new GELU().forward(x).data.data[1]).toBe(0);
    expect(sum(new Softmax().forward(x)).item()).toBeCloseTo(1, 15);
    const v = new Variable(x);
    expect(new Identity().forward(v)).toBe(v);
    expect(new Flatten().forward(zeros([2, 3, 4])).shape).toEqual([2, 12]);
    expect(new Flatten({ startAxis: 0 }).forward(zeros([2, 3, 4])).shape).toEqual([24]);
    expect(new Flatten({ startAxis: 1, endAxis: 1 }).forward(zeros([2, 3, 4])).shape).toEqual([
      2, 3, 4,
    ]);
    expect(() => new Flatten({ startAxis: 2, endAxis: 1 }).forward(zeros([2, 3, 4]))).toThrow(
      /comes after/,
    );
    expect(() => new GELU({ approximate: 'fast' as 'tanh' })).toThrow(/approximate/);
  });
});

describe('Sequential', () => {
  it('names children 0, 1, … and indexes and iterates them', () => {
    const a = new Linear(2, 3);
    const t = new Tanh();
    const seq = new Sequential(a, t);
    expect(seq[0]).toBe(a);
    expect(seq.length).toBe(2);
    expect([...seq]).toEqual([a, t]);
    seq.append(new Linear(3, 1));
    expect(Object.keys(seq.stateDict())).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(seq.forward(randn([4, 2], { seed: 1 })).shape).toEqual([4, 1]);
    expect(new Sequential().forward(tensor([1])).toArray()).toEqual([1]);
    expect(() => new Sequential({} as Linear)).toThrow(/argument 0 is not a Module/);
  });

  it('keeps numeric keys in order beyond ten children', () => {
    const layers = Array.from({ length: 12 }, () => new Linear(1, 1));
    const keys = Object.keys(new Sequential(...layers).stateDict()).filter((k) =>
      k.endsWith('weight'),
    );
    expect(keys).toEqual(layers.map((_, i) => `${i}.weight`));
  });
});

describe('mlp', () => {
  it("builds PyTorch's nn.Sequential layout", () => {
    const model = mlp([784, 256, 128, 10]);
    expect(model.toString()).toBe(
      [
        'Sequential(',
        '  (0): Linear(inFeatures=784, outFeatures=256, bias=true)',
        '  (1): ReLU()',
        '  (2): Linear(inFeatures=256, outFeatures=128, bias=true)',
        '  (3): ReLU()',
        '  (4): Linear(inFeatures=128, outFeatures=10, bias=true)',
        ')',
      ].join('\n'),
    );
    expect(model.numParameters()).toBe(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10);
  });

  it('adds dropout after hidden activations without changing the initial weights', () => {
    const plain = mlp([4, 8, 8, 2], { activation: 'tanh', seed: 3 });
    const dropped = mlp([4, 8, 8, 2], { activation: 'tanh', seed: 3, dropout: 0.2 });
    expect(Object.keys(dropped.stateDict())).toEqual([
      '0.weight',
      '0.bias',
      '3.weight',
      '3.bias',
      '6.weight',
      '6.bias',
    ]);
    expect(dropped[2]).toBeInstanceOf(Dropout);
    expect(dropped[5]).toBeInstanceOf(Dropout);
    expect(Object.values(dropped.stateDict()).map((t) => t.toArray())).toEqual(
      Object.values(plain.stateDict()).map((t) => t.toArray()),
    );
    // Every layer draws from one generator: same-shaped layers differ.
    expect(plain[2]).toBeInstanceOf(Linear);
    expect((plain[2] as Linear).weight.toArray()).not.toEqual(
      new Linear(8, 8, { seed: 3 }).weight.toArray(),
    );
  });

  it('takes activation names or factories, a dtype, and checks its arguments', () => {
    expect(mlp([2, 3, 1], { activation: 'gelu' })[1]).toBeInstanceOf(GELU);
    expect(mlp([2, 3, 1], { activation: () => new Sigmoid() })[1]).toBeInstanceOf(Sigmoid);
    expect(mlp([2, 1], { dtype: 'float64' }).parameters()[0]!.dtype).toBe('float64');
    expect(() => mlp([2])).toThrow(/at least two layer sizes/);
    expect(() => mlp([2, 0])).toThrow(/positive integers/);
    expect(() => mlp([2, 2], { activation: 'swish' as 'relu' })).toThrow(
      /unknown activation "swish"/,
    );
    expect(() => mlp([2, 2], { dropout: 1 })).toThrow(/dropout must be/);
  });
});
