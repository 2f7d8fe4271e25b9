// Reads the PyTorch reference values written by scripts/make-fixtures.py.
import { readFileSync } from 'node:fs';

/** A number as the fixtures write it: non-finite values are strings. */
export type JsonNumber = number | 'inf' | '-inf' | 'nan';

export function num(x: JsonNumber): number {
  if (x === 'inf') return Number.POSITIVE_INFINITY;
  if (x === '-inf') return Number.NEGATIVE_INFINITY;
  if (x === 'nan') return Number.NaN;
  return x;
}

export interface TensorJson {
  shape: number[];
  data: number[];
}

export interface OptimizerCase {
  name: string;
  optimizer: 'SGD' | 'Adagrad' | 'RMSprop' | 'Adam' | 'AdamW';
  dtype: 'float32' | 'float64';
  options: Record<string, number | boolean | number[]>;
  groups: ({ params: string[] } & Record<string, number | boolean | number[] | string[]>)[] | null;
  /** The loss before each step. */
  losses: number[];
  /** The parameters after each step, by name. */
  params: Record<string, number[]>[];
  /** torch's state after the last step, by parameter index (never-stepped parameters left out). */
  finalState: Record<string, Record<string, number | number[]>>;
}

export interface OptimizerFixtures {
  torch: string;
  steps: number;
  problem: {
    X: TensorJson;
    T: TensorJson;
    init: Record<string, TensorJson>;
    order: string[];
    loss: string;
  };
  cases: OptimizerCase[];
}

export interface SchedulerSpec {
  type: string;
  options: Record<string, unknown>;
  schedulers?: SchedulerSpec[];
}

export interface SchedulerFixtures {
  groupLrs: number[];
  cases: { name: string; schedulers: SchedulerSpec[]; metrics: number[] | null; lrs: number[][] }[];
}

export interface ClipFixtures {
  norm: {
    name: string;
    maxNorm: number;
    normType: JsonNumber;
    shapes: number[][];
    grads: number[][];
    totalNorm: JsonNumber;
    clipped: number[][];
  }[];
  value: { clipValue: number; shapes: number[][]; grads: number[][]; clipped: number[][] }[];
}

export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}
