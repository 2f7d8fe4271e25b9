// Weight initialisation, as torch.nn.init: each function fills a tensor (or a Variable's data) in
// place and returns it. Every random one needs a seed or a Generator: randomness is explicit.
import {
  ArgumentError,
  type Generator,
  isFloatDType,
  rand,
  randn,
  type Shape,
  ShapeError,
  Tensor,
} from '@nabla/tensor';

/** What the init functions fill: a tensor, or anything holding one in `.data` (a Variable). */
export type InitTarget = Tensor | { readonly data: Tensor };

export interface SeedOptions {
  /** A seed for a fresh generator; give this or `generator`. */
  seed?: number;
  /** A generator to draw from (advancing it), e.g. one shared by a whole model. */
  generator?: Generator;
}

/** The nonlinearities `calculateGain` knows, in Nabla's camelCase spelling. */
export type Nonlinearity =
  | 'linear'
  | 'identity'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leakyRelu'
  | 'selu';

/**
 * The recommended gain for a nonlinearity, as `torch.nn.init.calculate_gain`: 1 for linear,
 * identity and sigmoid, 5/3 for tanh, √2 for relu, √(2 / (1 + slope²)) for leakyRelu (slope
 * `param`, default 0.01), 3/4 for selu. It keeps the activations' variance steady layer to layer.
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear':
    case 'identity':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leakyRelu': {
      const slope = param ?? 0.01;
      if (!Number.isFinite(slope)) {
        throw new ArgumentError(
          'calculateGain',
          `negative slope must be a finite number, got ${slope}`,
        );
      }
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
    default:
      throw new ArgumentError(
        'calculateGain',
        `unknown nonlinearity ${JSON.stringify(nonlinearity)}; use linear, identity, sigmoid, tanh, relu, leakyRelu or selu`,
      );
  }
}

/**
 * Fan-in and fan-out of a weight shape as PyTorch computes them: for `[out, in, ...kernel]`,
 * fanIn = in × ∏kernel and fanOut = out × ∏kernel. A `Linear` weight `[out, in]` has fanIn = in.
 */
export function computeFans(shape: Shape): { fanIn: number; fanOut: number } {
  if (shape.length < 2) {
    throw new ShapeError(
      'computeFans',
      `fan-in and fan-out need a weight of at least 2 dimensions, got shape [${shape.join(',')}]`,
    );
  }
  let receptive = 1;
  for (let i = 2; i < shape.length; i++) receptive *= shape[i]!;
  return { fanIn: shape[1]! * receptive, fanOut: shape[0]! * receptive };
}

export interface UniformInitOptions extends SeedOptions {
  /** Lower bound, default 0. */
  a?: number;
  /** Upper bound, default 1. */
  b?: number;
}

/** Fills with samples from U(a, b) (default U(0, 1)). */
export function uniform<T extends InitTarget>(target: T, options: UniformInitOptions): T {
  const t = tensorOf('uniform', target);
  const a = options.a ?? 0;
  const b = options.b ?? 1;
  if (!(Number.isFinite(a) && Number.isFinite(b) && a <= b)) {
    throw new ArgumentError('uniform', `needs finite a <= b, got a=${a}, b=${b}`);
  }
  fill(t, rand(t.shape, { ...seedOf(options), low: a, high: b, dtype: floatDType('uniform', t) }));
  return target;
}

export interface NormalInitOptions extends SeedOptions {
  mean?: number;
  std?: number;
}

/** Fills with samples from N(mean, std²) (default N(0, 1)). */
export function normal<T extends InitTarget>(target: T, options: NormalInitOptions): T {
  const t = tensorOf('normal', target);
  fill(
    t,
    randn(t.shape, {
      ...seedOf(options),
      mean: options.mean ?? 0,
      std: options.std ?? 1,
      dtype: floatDType('normal', t),
    }),
  );
  return target;
}

/** Fills with one value (no randomness, so no seed). */
export function constant<T extends InitTarget>(target: T, value: number): T {
  const t = tensorOf('constant', target);
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new ArgumentError('constant', `value must be a number, got ${String(value)}`);
  }
  t.data.fill(value);
  return target;
}

export interface XavierOptions extends SeedOptions {
  /** Scale factor, default 1; `calculateGain('tanh')` for tanh layers. */
  gain?: number;
}

/**
 * Glorot and Bengio (2010): U(−bound, bound) with bound = gain·√(6 / (fanIn + fanOut)), so the
 * variance gain·2/(fanIn + fanOut) balances the forward and backward passes.
 */
export function xavierUniform<T extends InitTarget>(target: T, options: XavierOptions): T {
  const t = tensorOf('xavierUniform', target);
  const { fanIn, fanOut } = computeFans(t.shape);
  const bound = (options.gain ?? 1) * Math.sqrt(6 / (fanIn + fanOut));
  return uniform(target, { ...seedOf(options), a: -bound, b: bound });
}

/** Glorot and Bengio (2010): N(0, std²) with std = gain·√(2 / (fanIn + fanOut)). */
export function xavierNormal<T extends InitTarget>(target: T, options: XavierOptions): T {
  const t = tensorOf('xavierNormal', target);
  const { fanIn, fanOut } = computeFans(t.shape);
  const std = (options.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut));
  return normal(target, { ...seedOf(options), std });
}

export interface KaimingOptions extends SeedOptions {
  /** Negative slope of the leaky ReLU that follows (only for `nonlinearity: 'leakyRelu'`), default 0. */
  a?: number;
  /** `'fanIn'` (default) keeps the forward activations' variance; `'fanOut'` the backward gradients'. */
  mode?: 'fanIn' | 'fanOut';
  /** The nonlinearity after this layer, default `'leakyRelu'` (with `a` = 0, the ReLU gain √2). */
  nonlinearity?: Nonlinearity;
}

function kaimingStd(op: string, t: Tensor, options: KaimingOptions): number {
  const mode = options.mode ?? 'fanIn';
  if (mode !== 'fanIn' && mode !== 'fanOut') {
    throw new ArgumentError(op, `mode must be 'fanIn' or 'fanOut', got ${JSON.stringify(mode)}`);
  }
  const fans = computeFans(t.shape);
  const fan = mode === 'fanIn' ? fans.fanIn : fans.fanOut;
  if (fan === 0) throw new ArgumentError(op, `cannot initialise a weight with ${mode} = 0`);
  const gain = calculateGain(options.nonlinearity ?? 'leakyRelu', options.a ?? 0);
  return gain / Math.sqrt(fan);
}

/** He et al. (2015): U(−bound, bound) with bound = gain·√(3 / fan). */
export function kaimingUniform<T extends InitTarget>(target: T, options: KaimingOptions): T {
  const t = tensorOf('kaimingUniform', target);
  const bound = Math.sqrt(3) * kaimingStd('kaimingUniform', t, options);
  return uniform(target, { ...seedOf(options), a: -bound, b: bound });
}

/** He et al. (2015): N(0, std²) with std = gain / √fan. */
export function kaimingNormal<T extends InitTarget>(target: T, options: KaimingOptions): T {
  const t = tensorOf('kaimingNormal', target);
  return normal(target, { ...seedOf(options), std: kaimingStd('kaimingNormal', t, options) });
}

function tensorOf(op: string, target: InitTarget): Tensor {
  const t = target instanceof Tensor ? target : target?.data;
  if (!(t instanceof Tensor)) {
    throw new ArgumentError(op, 'expects a Tensor or a Variable to fill');
  }
  return t;
}

function floatDType(op: string, t: Tensor): 'float32' | 'float64' {
  if (!isFloatDType(t.dtype)) {
    throw new ArgumentError(op, `cannot fill an ${t.dtype} tensor with random floats`);
  }
  return t.dtype;
}

/** Only seed and generator: the options of `rand`/`randn` name the bounds differently. */
function seedOf(options: SeedOptions): SeedOptions {
  const out: SeedOptions = {};
  if (options?.seed !== undefined) out.seed = options.seed;
  if (options?.generator !== undefined) out.generator = options.generator;
  return out;
}

/** In place, so views of the tensor and optimizers holding it see the new values. */
function fill(t: Tensor, values: Tensor): void {
  t.data.set(values.data);
}
