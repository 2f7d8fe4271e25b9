// What a training run is made of. `RunConfig` is everything that decides the numbers (the data,
// the model, the optimizer, the seed): a checkpoint stores it, so `--resume` needs no other flag
// and refuses flags that would change the run it continues. `Outputs` only say where results go.
import type { ActivationName } from '@nabla/nn';
import type { DataKind } from '../data/catalog.js';
import { UsageError } from '../errors.js';

export const OPTIMIZERS = [
  'sgd',
  'momentum',
  'nesterov',
  'adagrad',
  'rmsprop',
  'adam',
  'adamw',
] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/**
 * The learning rate each optimizer starts from unless --lr is given; ten times that for data
 * other than images (2-D points, CSV tables), whose small networks and few samples want bigger
 * steps to learn in a few seconds.
 */
export const DEFAULT_LR: Record<OptimizerName, number> = {
  sgd: 0.1,
  momentum: 0.01,
  nesterov: 0.01,
  adagrad: 0.01,
  rmsprop: 0.001,
  adam: 0.001,
  adamw: 0.001,
};

/** Hidden layers unless --layers is given: sized for the data. */
export const DEFAULT_LAYERS: Record<DataKind, readonly number[]> = {
  image: [256],
  points: [16, 16],
  table: [32],
};

/** The flags as parsed; undefined where the flag was not given and the default depends on the data. */
export interface TrainFlags {
  data: string;
  dataDir?: string;
  download: boolean;
  noise: number;
  labelColumn?: string;
  layers?: number[];
  activation: ActivationName;
  dropout: number;
  optimizer: OptimizerName;
  lr?: number;
  momentum?: number;
  weightDecay?: number;
  batchSize: number;
  epochs: number;
  patience: number;
  smoothing: number;
  minDelta: number;
  valSplit: number;
  seed: number;
  out: string;
  report?: string;
  json: boolean;
  resume?: string;
  debug: boolean;
}

/** Everything that decides a run's numbers, defaults resolved. */
export interface RunConfig {
  readonly data: string;
  readonly noise: number;
  readonly labelColumn: string | null;
  readonly layers: readonly number[];
  readonly activation: ActivationName;
  readonly dropout: number;
  readonly optimizer: OptimizerName;
  readonly lr: number;
  /** null: the optimizer's own default (0.9 for momentum and nesterov, else none). */
  readonly momentum: number | null;
  /** null: the optimizer's own default (0 for all, AdamW's 0.01). */
  readonly weightDecay: number | null;
  readonly batchSize: number;
  readonly epochs: number;
  /** 0: no early stopping (the best epoch is still restored at the end). */
  readonly patience: number;
  readonly smoothing: number;
  readonly minDelta: number;
  readonly valSplit: number;
  readonly seed: number;
}

export interface Outputs {
  readonly out: string;
  readonly report: string | null;
  readonly dataDir: string | null;
}

/** Fills in the defaults that depend on the data and the optimizer. */
export function resolveRunConfig(flags: TrainFlags, kind: DataKind): RunConfig {
  return {
    data: flags.data,
    noise: flags.noise,
    labelColumn: flags.labelColumn ?? null,
    layers: flags.layers ?? DEFAULT_LAYERS[kind],
    activation: flags.activation,
    dropout: flags.dropout,
    optimizer: flags.optimizer,
    lr: flags.lr ?? DEFAULT_LR[flags.optimizer] * (kind === 'image' ? 1 : 10),
    momentum: flags.momentum ?? null,
    weightDecay: flags.weightDecay ?? null,
    batchSize: flags.batchSize,
    epochs: flags.epochs,
    patience: flags.patience,
    smoothing: flags.smoothing,
    minDelta: flags.minDelta,
    valSplit: flags.valSplit,
    seed: flags.seed,
  };
}

/** Flag names as typed, for messages: weightDecay → --weight-decay. */
export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * The stored configuration of a checkpointed run, with `--epochs` (which may extend it) taken
 * from the command line. Any other run flag given explicitly must agree with the stored value:
 * a different one would not continue the same run, so it is refused.
 */
export function mergeResumedConfig(
  stored: RunConfig,
  flags: TrainFlags,
  given: (key: keyof TrainFlags) => boolean,
): RunConfig {
  for (const key of Object.keys(stored) as (keyof RunConfig)[]) {
    if (key === 'epochs' || !given(key)) continue;
    const value = flags[key];
    const storedValue = stored[key];
    if (JSON.stringify(value ?? null) !== JSON.stringify(storedValue)) {
      throw new UsageError(
        `${flagName(key)} ${formatValue(value)} differs from the checkpointed run's ${formatValue(storedValue)}; drop it to resume that run (only --epochs, --out, --report, --data-dir and --json may change)`,
      );
    }
  }
  return given('epochs') ? { ...stored, epochs: flags.epochs } : stored;
}

function formatValue(v: unknown): string {
  if (Array.isArray(v)) return v.join(',');
  return v === null || v === undefined ? '(default)' : String(v);
}

/** Where a run writes its checkpoint when interrupted: next to the model. */
export function checkpointPathFor(out: string): string {
  return out.endsWith('.safetensors')
    ? `${out.slice(0, -'.safetensors'.length)}.checkpoint.safetensors`
    : `${out}.checkpoint`;
}
