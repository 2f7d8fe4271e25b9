// The fixed problem of the optimizer fixtures, rebuilt with @nabla/autograd:
// loss = mean((tanh(X @ W.T + b) @ u - T) ** 2), with a fourth parameter that gets no gradient.
import { add, matmul, mean, mul, sub, tanh, type Variable, variable } from '@nabla/autograd';
import { type FloatDType, Tensor, tensor } from '@nabla/tensor';
import { Adagrad, Adam, AdamW, type Optimizer, RMSprop, SGD } from '../src/index.js';
import { type OptimizerCase, type OptimizerFixtures, readFixture } from './fixtures.js';

export const fixtures = readFixture<OptimizerFixtures>('optimizers.json');

export type Params = Record<string, Variable>;

function toTensor(json: { shape: number[]; data: number[] }, dtype: FloatDType): Tensor {
  return tensor(json.data, { shape: json.shape, dtype });
}

/** Fresh parameters at the fixtures' initial values. */
export function makeParams(dtype: FloatDType = 'float64'): Params {
  const params: Params = {};
  for (const name of fixtures.problem.order) {
    params[name] = variable(toTensor(fixtures.problem.init[name]!, dtype), { requiresGrad: true });
  }
  return params;
}

/** Parameters with the same values as `params` in new buffers (a "rebuilt model"). */
export function copyParams(params: Params): Params {
  const out: Params = {};
  for (const [name, p] of Object.entries(params)) {
    out[name] = variable(new Tensor(p.data.data.slice(), p.data.shape), { requiresGrad: true });
  }
  return out;
}

/** In the fixtures' order. */
export function paramList(params: Params): Variable[] {
  return fixtures.problem.order.map((name) => params[name]!);
}

const inputs = new Map<FloatDType, { X: Tensor; T: Tensor }>();

export function lossOf(params: Params): Variable {
  const dtype = params.W!.data.dtype as FloatDType;
  let data = inputs.get(dtype);
  if (data === undefined) {
    data = { X: toTensor(fixtures.problem.X, dtype), T: toTensor(fixtures.problem.T, dtype) };
    inputs.set(dtype, data);
  }
  const h = tanh(add(matmul(data.X, params.W!, { transposeB: true }), params.b!));
  const d = sub(matmul(h, params.u!), data.T);
  return mean(mul(d, d));
}

/** One training iteration: zeroGrad, forward, backward, step; returns the loss. */
export function trainStep(opt: { zeroGrad(): void; step(): unknown }, params: Params): number {
  opt.zeroGrad();
  const loss = lossOf(params);
  loss.backward();
  opt.step();
  return loss.item();
}

const CLASSES = { SGD, Adagrad, RMSprop, Adam, AdamW } as const;

/** The optimizer a case describes, on `params`, built with Nabla's public API. */
export function makeOptimizer(c: OptimizerCase, params: Params): Optimizer<object> {
  const Class = CLASSES[c.optimizer] as new (ps: unknown, options: unknown) => Optimizer<object>;
  if (c.groups === null) return new Class(paramList(params), c.options);
  const groups = c.groups.map(({ params: names, ...options }) => ({
    ...options,
    params: names.map((n) => params[n]!),
  }));
  return new Class(groups, c.options);
}
