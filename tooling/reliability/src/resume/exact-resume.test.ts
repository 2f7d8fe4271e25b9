// Exact resume, for every optimizer: a seeded run is interrupted at a random step, its
// checkpoint goes through bytes, and a fresh model, optimizer, scheduler, loader and early
// stopping (other initial weights and masks, so everything must come from the checkpoint)
// finish it — in this process, and for some runs in a fresh one. The final weights, the whole
// History (every loss, metric, learning rate and gradient norm) and the end state of the
// optimizer (moments, step counts), scheduler and early stopping (EMA, counters, best weights)
// must equal the uninterrupted run's, byte for byte. fast-check draws the step, the
// hyper-parameters, the scheduler, the batch size, the dropout rate and the data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Callback,
  decodeCheckpoint,
  encodeCheckpoint,
  fit,
  type History,
  type TrainingCheckpoint,
} from '@nabla/train';
import { saveCheckpoint } from '@nabla/train/node';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { budget } from '../budget.js';
import { runNode } from '../crash/child-process.js';
import { historyBytes, sha256, weightBytes } from '../determinism/digest.mjs';
import { recordFigures } from '../figures.js';
import {
  buildRun,
  OPTIMIZERS,
  type OptimizerKind,
  type ResumeConfig,
  SCHEDULERS,
  stateBytes,
} from './recipe.mjs';

const CHILD = fileURLToPath(new URL('./resume-child.mjs', import.meta.url));
const RUNS_PER_OPTIMIZER = budget(3, 40);
/** Runs resumed in a fresh process, per optimizer. */
const CHILD_RUNS_PER_OPTIMIZER = budget(0, 3);
const CHILD_RUNS_SHORT = 1;

const dir = mkdtempSync(join(tmpdir(), 'nabla-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const figures = {
  runs: 0,
  freshProcess: 0,
  steps: 0,
  interruptedMidEpoch: 0,
  afterLastBatch: 0,
  atEpochEnd: 0,
  atEarlyStop: 0,
  stoppedEarly: 0,
  bytesCompared: 0,
  mismatches: 0,
  perOptimizer: new Map<OptimizerKind, number>(),
  schedulers: new Set<string>(),
};

interface Outcome {
  readonly weights: Buffer;
  readonly history: Buffer;
  readonly state: Buffer;
}

const configArb = (optimizer: OptimizerKind): fc.Arbitrary<ResumeConfig> =>
  fc.record({
    optimizer: fc.constant(optimizer),
    scheduler: fc.constantFrom(...SCHEDULERS),
    schedulerInterval: fc.constantFrom('epoch' as const, 'batch' as const),
    lr: fc.double({ min: 0.01, max: 0.3, noNaN: true }),
    weightDecay: fc.constantFrom(0, 1e-4, 1e-2),
    momentum: fc.double({ min: 0.5, max: 0.95, noNaN: true }),
    dropout: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
    patience: fc.integer({ min: 1, max: 2 }),
    smoothing: fc.double({ min: 0, max: 0.9, noNaN: true }),
    batchSize: fc.constantFrom(16, 25, 40),
    epochs: fc.integer({ min: 4, max: 7 }),
    dataSeed: fc.integer({ min: 0, max: 1000 }),
    clipGradNorm: fc.option(fc.double({ min: 0.5, max: 5, noNaN: true }), { nil: undefined }),
  });

async function uninterrupted(
  config: ResumeConfig,
): Promise<Outcome & { steps: number; epochs: number; history: Buffer; stopped: boolean }> {
  const run = buildRun(config, 1);
  const history = await fit(run.model, { ...run.options, callbacks: [run.early] });
  return {
    weights: weightBytes(run.model),
    history: historyBytes(history),
    state: stateBytes(run),
    steps: history.epochs.reduce((n, e) => n + e.steps, 0),
    epochs: history.epochs.length,
    stopped: history.stop.reason === 'stopped',
  };
}

/** After a step (mid-epoch, or after an epoch's last batch), or after an epoch's callbacks. */
type Interrupt = { readonly step: number } | { readonly epoch: number };

/** Runs to the abort and returns the checkpoint `ctx.checkpoint()` gives there. */
async function interruptedAt(config: ResumeConfig, at: Interrupt) {
  const run = buildRun(config, 1);
  const controller = new AbortController();
  let checkpoint: TrainingCheckpoint | null = null;
  const abortAt: Callback = {
    onBatchEnd: (ctx) => {
      if ('step' in at && ctx.step === at.step) controller.abort();
    },
    onEpochEnd: (ctx) => {
      if ('epoch' in at && ctx.completedEpochs === at.epoch) controller.abort();
    },
    onTrainEnd: (ctx) => {
      checkpoint = ctx.checkpoint();
    },
  };
  const history: History = await fit(run.model, {
    ...run.options,
    callbacks: [run.early, abortAt],
    signal: controller.signal,
  });
  expect(history.stop.reason).toBe('aborted');
  return checkpoint!;
}

async function resumedHere(config: ResumeConfig, checkpoint: TrainingCheckpoint): Promise<Outcome> {
  const run = buildRun(config, 987);
  const history = await fit(run.model, {
    ...run.options,
    callbacks: [run.early],
    resume: decodeCheckpoint(encodeCheckpoint(checkpoint)),
  });
  return {
    weights: weightBytes(run.model),
    history: historyBytes(history),
    state: stateBytes(run),
  };
}

function compare(expected: Outcome, actual: Outcome): void {
  for (const key of ['weights', 'history', 'state'] as const) {
    figures.bytesCompared += expected[key].length;
    if (!expected[key].equals(actual[key])) figures.mismatches += 1;
    expect(actual[key].equals(expected[key]), `${key} differ after resuming`).toBe(true);
  }
}

describe('exact resume: interrupted at a random step, resumed from the checkpoint', () => {
  it.each(OPTIMIZERS)('%s: weights, History and end state bit-identical', async (optimizer) => {
    let childRuns = isFirst(optimizer)
      ? Math.max(CHILD_RUNS_SHORT, CHILD_RUNS_PER_OPTIMIZER)
      : CHILD_RUNS_PER_OPTIMIZER;
    await fc.assert(
      fc.asyncProperty(
        configArb(optimizer),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.constantFrom('step', 'epoch', 'stop'),
        async (config, at, where) => {
          const reference = await uninterrupted(config);
          // 'stop': at the end of the epoch early stopping ends, when it ends the run (the
          // case that found the lost stop request).
          const atStop = where === 'stop' && reference.stopped;
          const interrupt: Interrupt = atStop
            ? { epoch: reference.epochs }
            : where === 'step'
              ? { step: 1 + Math.floor(at * reference.steps) }
              : { epoch: 1 + Math.floor(at * reference.epochs) };
          if (atStop) figures.atEarlyStop += 1;
          const checkpoint = await interruptedAt(config, interrupt);
          const step = checkpoint.step;
          compare(reference, await resumedHere(config, checkpoint));
          if (childRuns > 0) {
            childRuns -= 1;
            const path = join(dir, `${optimizer}-${step}.ckpt`);
            await saveCheckpoint(path, checkpoint);
            const [line] = await runNode(CHILD, [JSON.stringify(config), path], 120_000);
            const fresh = JSON.parse(line!) as Record<keyof Outcome, string>;
            for (const key of ['weights', 'history', 'state'] as const) {
              figures.bytesCompared += reference[key].length;
              if (fresh[key] !== sha256(reference[key])) figures.mismatches += 1;
              expect(fresh[key], `${key} differ after resuming in a fresh process`).toBe(
                sha256(reference[key]),
              );
            }
            figures.freshProcess += 1;
          }
          figures.runs += 1;
          figures.steps += reference.steps;
          if (checkpoint.progress === null) figures.atEpochEnd += 1;
          else if (checkpoint.train.batch === 0) figures.afterLastBatch += 1;
          else figures.interruptedMidEpoch += 1;
          if (reference.stopped) figures.stoppedEarly += 1;
          figures.perOptimizer.set(optimizer, (figures.perOptimizer.get(optimizer) ?? 0) + 1);
          figures.schedulers.add(`${config.scheduler}/${config.schedulerInterval}`);
        },
      ),
      { numRuns: RUNS_PER_OPTIMIZER, seed: 20261125 + OPTIMIZERS.indexOf(optimizer) },
    );
  });

  afterAll(() => {
    recordFigures('exact-resume', 'Exact resume for every optimizer', [
      {
        name: 'interrupted and resumed runs',
        value: figures.runs,
        unit: 'runs',
        note: `${[...figures.perOptimizer].map(([k, n]) => `${k} ${n}`).join(', ')}`,
      },
      { name: 'optimizers covered', value: figures.perOptimizer.size, unit: 'optimizers' },
      {
        name: 'scheduler settings covered',
        value: figures.schedulers.size,
        unit: 'kinds × interval',
        note: [...figures.schedulers].sort().join(', '),
      },
      { name: 'runs resumed in a fresh process', value: figures.freshProcess, unit: 'runs' },
      {
        name: 'interrupted in the middle of an epoch',
        value: figures.interruptedMidEpoch,
        unit: 'runs',
      },
      {
        name: "interrupted after an epoch's last batch, before its validation",
        value: figures.afterLastBatch,
        unit: 'runs',
      },
      { name: 'interrupted at an epoch boundary', value: figures.atEpochEnd, unit: 'runs' },
      {
        name: 'interrupted at the end of the epoch early stopping ended',
        value: figures.atEarlyStop,
        unit: 'runs',
      },
      { name: 'runs that early stopping ended', value: figures.stoppedEarly, unit: 'runs' },
      { name: 'training steps (uninterrupted runs)', value: figures.steps, unit: 'steps' },
      {
        name: 'bytes compared (weights, History, end state)',
        value: figures.bytesCompared,
        unit: 'bytes',
      },
      { name: 'mismatches', value: figures.mismatches, unit: 'runs' },
    ]);
  });
});

function isFirst(optimizer: OptimizerKind): boolean {
  return optimizer === OPTIMIZERS[0];
}
