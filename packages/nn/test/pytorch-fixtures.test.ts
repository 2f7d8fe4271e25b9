// Forward outputs, activation gradients and init gains against PyTorch (scripts/make-fixtures.py).
import { writeFileSync } from 'node:fs';
import { mul, sum, Variable } from '@nabla/autograd';
import { expectAllClose } from '@nabla/testkit';
import { describe, expect, it } from 'vitest';
import {
  Flatten,
  fromSafetensors,
  GELU,
  Identity,
  init,
  LeakyReLU,
  Linear,
  LogSoftmax,
  type Module,
  mlp,
  ReLU,
  Sequential,
  Sigmoid,
  Softmax,
  Tanh,
  toSafetensors,
} from '../src/index.js';
import { decode, fixturePath, fixtures, readFixture } from './fixtures.js';

/** float64 to 1e-10 relative, float32 to 1e-5 (the tolerances). */
const tolerance = (dtype: string) =>
  dtype === 'float64' ? { rtol: 1e-10, atol: 1e-12 } : { rtol: 1e-5, atol: 1e-6 };

/** The Nabla model with the same layout as each PyTorch fixture model. */
const builders: Record<string, (dtype: 'float32' | 'float64') => Module> = {
  linear: (dtype) => new Linear(4, 3, { dtype }),
  'linear-nobias': (dtype) => new Linear(4, 3, { dtype, bias: false }),
  'tanh-net': (dtype) =>
    new Sequential(new Linear(4, 8, { dtype }), new Tanh(), new Linear(8, 2, { dtype })),
  'mlp-relu': (dtype) => mlp([5, 16, 8, 3], { dtype }),
  'mlp-relu-f32': (dtype) => mlp([5, 16, 8, 3], { dtype }),
  'mlp-gelu-dropout': (dtype) => mlp([6, 10, 10, 2], { dtype, activation: 'gelu', dropout: 0.5 }),
};

describe('Linear and mlp against PyTorch-initialised state dicts', () => {
  for (const m of fixtures.models) {
    it(`${m.name}: ${m.description} (${m.dtype})`, () => {
      const model = builders[m.name]!(m.dtype);
      // The state-dict keys are PyTorch's, in PyTorch's order.
      expect(Object.keys(model.stateDict())).toEqual(m.keys);
      const { tensors } = fromSafetensors(readFixture(`${m.name}.safetensors`));
      model.loadStateDict(tensors);
      model.eval();
      const y = model.forward(decode(m.input));
      expect(y.shape).toEqual(m.output.shape);
      expectAllClose(y.data, decode(m.output), tolerance(m.dtype));
    });
  }

  it('a float32 model converted with to("float64") gives the float64 answer', () => {
    const m = fixtures.models.find((f) => f.name === 'mlp-relu')!;
    const model = mlp([5, 16, 8, 3]).to('float64');
    model.loadStateDict(fromSafetensors(readFixture('mlp-relu.safetensors')).tensors);
    expectAllClose(model.forward(decode(m.input)).data, decode(m.output), tolerance('float64'));
  });

  it('writes a file PyTorch loads (checked by scripts/make-fixtures.py)', () => {
    // NABLA_UPDATE_FIXTURES=1 rewrites it; the script then verifies it with an independent reader
    // and torch's load_state_dict. Otherwise Nabla must still write exactly the committed bytes.
    const model = mlp([5, 16, 8, 3], { dtype: 'float64' });
    model.loadStateDict(fromSafetensors(readFixture('mlp-relu.safetensors')).tensors);
    const bytes = toSafetensors(model.stateDict(), { format: 'pt', writer: '@nabla/nn' });
    if (process.env.NABLA_UPDATE_FIXTURES === '1') {
      writeFileSync(fixturePath('nabla-written.safetensors'), bytes);
    }
    expect(bytes).toEqual(readFixture('nabla-written.safetensors'));
  });
});

const activations: Record<string, (options: Record<string, number | string>) => Module> = {
  ReLU: () => new ReLU(),
  LeakyReLU: (o) => new LeakyReLU(o as { negativeSlope?: number }),
  Sigmoid: () => new Sigmoid(),
  Tanh: () => new Tanh(),
  GELU: (o) => new GELU(o as { approximate?: 'none' | 'tanh' }),
  Softmax: (o) => new Softmax(o as { axis?: number }),
  LogSoftmax: (o) => new LogSoftmax(o as { axis?: number }),
  Identity: () => new Identity(),
  Flatten: () => new Flatten(),
};

describe('activation modules against PyTorch: outputs and input gradients', () => {
  for (const a of fixtures.activations) {
    it(`${a.name} ${JSON.stringify(a.options)} (${a.dtype})`, () => {
      const x = new Variable(decode(a.input), true);
      const y = activations[a.name]!(a.options).forward(x);
      expectAllClose(y.data, decode(a.output), tolerance(a.dtype));
      sum(mul(y, decode(a.gradOutput))).backward();
      expectAllClose(x.grad!, decode(a.grad), tolerance(a.dtype));
    });
  }
});

describe('init.calculateGain against torch.nn.init.calculate_gain', () => {
  it('matches for every nonlinearity', () => {
    const names: Record<string, init.Nonlinearity> = {
      linear: 'linear',
      sigmoid: 'sigmoid',
      tanh: 'tanh',
      relu: 'relu',
      leaky_relu: 'leakyRelu',
      selu: 'selu',
    };
    for (const [key, expected] of Object.entries(fixtures.gains)) {
      const [name, param] = key.split(':');
      const gain = init.calculateGain(
        names[name!]!,
        param === undefined ? undefined : Number(param),
      );
      expect(gain).toBeCloseTo(expected, 14);
    }
  });
});
