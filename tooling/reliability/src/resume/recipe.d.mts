import type { Module } from '@nabla/nn';
import type { Optimizer } from '@nabla/optim';
import type { EarlyStopping, FitOptions } from '@nabla/train';

export type OptimizerKind =
  | 'sgd'
  | 'sgd-momentum'
  | 'sgd-nesterov'
  | 'adagrad'
  | 'rmsprop'
  | 'rmsprop-centered-momentum'
  | 'adam'
  | 'adam-amsgrad'
  | 'adamw';
export type SchedulerKind =
  | 'none'
  | 'step'
  | 'exponential'
  | 'cosine'
  | 'linear'
  | 'plateau'
  | 'sequential';

export interface ResumeConfig {
  readonly optimizer: OptimizerKind;
  readonly scheduler: SchedulerKind;
  readonly schedulerInterval: 'epoch' | 'batch';
  readonly lr: number;
  readonly weightDecay: number;
  readonly momentum: number;
  readonly dropout: number;
  readonly patience: number;
  readonly smoothing: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly dataSeed: number;
  readonly clipGradNorm?: number;
}

export interface Run {
  readonly model: Module;
  readonly early: EarlyStopping;
  readonly optimizer: Optimizer<object>;
  readonly scheduler: { stateDict(): unknown } | undefined;
  readonly options: FitOptions;
}

export const OPTIMIZERS: readonly OptimizerKind[];
export const SCHEDULERS: readonly SchedulerKind[];
export function buildRun(config: ResumeConfig, initSeed: number): Run;
export function stateBytes(run: Run): Buffer;
