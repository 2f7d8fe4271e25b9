// One training run of the exact-resume test, built from a plain configuration, so the test
// (in process) and resume-child.mjs (in a fresh process) build exactly the same run: a small
// MLP with dropout, one of every exported optimizer, a scheduler, early stopping on the EMA of
// the validation loss, shuffled minibatches and an accuracy metric. Plain JavaScript so a
// child process runs it on the built libraries.
import { DataLoader, moons } from '@nabla/datasets';
import { crossEntropy } from '@nabla/losses';
import { mlp } from '@nabla/nn';
import {
  Adagrad,
  Adam,
  AdamW,
  CosineAnnealingLR,
  ExponentialLR,
  LinearLR,
  ReduceLROnPlateau,
  RMSprop,
  SequentialLR,
  SGD,
  StepLR,
} from '@nabla/optim';
import { Tensor } from '@nabla/tensor';
import { accuracy, EarlyStopping } from '@nabla/train';

export const OPTIMIZERS = [
  'sgd',
  'sgd-momentum',
  'sgd-nesterov',
  'adagrad',
  'rmsprop',
  'rmsprop-centered-momentum',
  'adam',
  'adam-amsgrad',
  'adamw',
];

export const SCHEDULERS = [
  'none',
  'step',
  'exponential',
  'cosine',
  'linear',
  'plateau',
  'sequential',
];

function makeOptimizer(kind, params, { lr, weightDecay, momentum }) {
  switch (kind) {
    case 'sgd':
      return new SGD(params, { lr, weightDecay });
    case 'sgd-momentum':
      return new SGD(params, { lr, weightDecay, momentum, dampening: 0.1 });
    case 'sgd-nesterov':
      return new SGD(params, { lr, weightDecay, momentum, nesterov: true });
    case 'adagrad':
      return new Adagrad(params, { lr, weightDecay, lrDecay: 0.01 });
    case 'rmsprop':
      return new RMSprop(params, { lr: lr / 10, weightDecay });
    case 'rmsprop-centered-momentum':
      return new RMSprop(params, { lr: lr / 10, weightDecay, momentum, centered: true });
    case 'adam':
      return new Adam(params, { lr: lr / 10, weightDecay });
    case 'adam-amsgrad':
      return new Adam(params, { lr: lr / 10, weightDecay, amsgrad: true });
    case 'adamw':
      return new AdamW(params, { lr: lr / 10, weightDecay });
    default:
      throw new Error(`unknown optimizer ${kind}`);
  }
}

function makeScheduler(kind, optimizer) {
  switch (kind) {
    case 'none':
      return undefined;
    case 'step':
      return new StepLR(optimizer, { stepSize: 2, gamma: 0.5 });
    case 'exponential':
      return new ExponentialLR(optimizer, { gamma: 0.9 });
    case 'cosine':
      return new CosineAnnealingLR(optimizer, { tMax: 4, etaMin: 1e-4 });
    case 'linear':
      return new LinearLR(optimizer, { startFactor: 0.25, totalIters: 3 });
    case 'plateau':
      return new ReduceLROnPlateau(optimizer, { patience: 1, factor: 0.5 });
    case 'sequential':
      return new SequentialLR(optimizer, {
        schedulers: [
          new LinearLR(optimizer, { startFactor: 0.5, totalIters: 2 }),
          new CosineAnnealingLR(optimizer, { tMax: 4 }),
        ],
        milestones: [2],
      });
    default:
      throw new Error(`unknown scheduler ${kind}`);
  }
}

/** A run's objects; `initSeed` sets the initial weights and masks (a resumed run overwrites them). */
export function buildRun(config, initSeed) {
  const model = mlp([2, 16, 16, 2], {
    activation: 'tanh',
    dropout: config.dropout,
    seed: initSeed,
  });
  const optimizer = makeOptimizer(config.optimizer, model.parameters(), config);
  const scheduler = makeScheduler(config.scheduler, optimizer);
  const early = new EarlyStopping({
    monitor: 'valLoss',
    patience: config.patience,
    smoothing: config.smoothing,
  });
  const options = {
    loss: crossEntropy,
    optimizer,
    ...(scheduler === undefined ? {} : { scheduler, schedulerInterval: config.schedulerInterval }),
    train: new DataLoader(moons({ n: 120, noise: 0.25, seed: config.dataSeed }), {
      batchSize: config.batchSize,
      shuffle: true,
      seed: config.dataSeed + 1,
    }),
    val: new DataLoader(moons({ n: 60, noise: 0.25, seed: config.dataSeed + 2 }), {
      batchSize: 32,
    }),
    epochs: config.epochs,
    metrics: [accuracy()],
    ...(config.clipGradNorm === undefined ? {} : { clipGradNorm: config.clipGradNorm }),
  };
  return { model, early, optimizer, scheduler, options };
}

/**
 * The end state beyond the weights, as bytes: the optimizer's state dict (moments, step
 * counts, group options), the scheduler's and early stopping's (its EMA, counters, best
 * weights), tensors as their raw bytes.
 */
export function stateBytes(run) {
  const plain = (value) => {
    if (value instanceof Tensor) {
      const d = value.data;
      return `${value.dtype}:${Buffer.from(d.buffer, d.byteOffset, d.byteLength).toString('hex')}`;
    }
    if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
    if (Array.isArray(value)) return value.map(plain);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, plain(value[k])]),
      );
    }
    return value;
  };
  return Buffer.from(
    JSON.stringify({
      optimizer: plain(run.optimizer.stateDict()),
      scheduler: plain(run.scheduler?.stateDict() ?? null),
      early: plain(run.early.getState()),
    }),
  );
}
