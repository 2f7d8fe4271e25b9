// One call of `fit`: the training loop and everything it must carry between batches, in one
// object so that a checkpoint can be taken (and restored) between any two batches.
import { peekGrad, type Variable } from '@nabla/autograd';
import { checkFiniteTensor, type Dataset } from '@nabla/datasets';
import { firstNonFinite, type Module, NonFiniteWeightError } from '@nabla/nn';
import { clipGradNorm } from '@nabla/optim';
import { ArgumentError, formatShape, type Generator, ShapeError } from '@nabla/tensor';
import type { BatchInfo, Callback, TrainContext } from './callbacks/callback.js';
import { ProgressReporter } from './callbacks/progress.js';
import { TerminateOnNaN } from './callbacks/terminate-on-nan.js';
import type { TrainingCheckpoint } from './checkpoint/checkpoint.js';
import {
  captureCheckpoint,
  type EpochTotals,
  type RunParts,
  restoreCheckpoint,
} from './checkpoint/resume.js';
import { NonFiniteGradientError } from './errors.js';
import { evaluateBatches } from './evaluate.js';
import type { OptimizerLike, ResolvedFitOptions } from './fit-options.js';
import { globalGradNorm } from './grad-norm.js';
import { type EpochLog, type History, logValue, type StopInfo } from './history.js';
import type { MetricValue } from './metrics/metric.js';
import { now, yieldToEventLoop } from './yield.js';

export class Run implements TrainContext {
  readonly model: Module;
  readonly optimizer: OptimizerLike;
  readonly epochs: number;
  readonly batchesPerEpoch: number;
  readonly hasValidation: boolean;
  completedEpochs = 0;
  step = 0;
  readonly logs: EpochLog[] = [];

  readonly #o: ResolvedFitOptions;
  /** What checkpoints save and restore: the objects, the user's callbacks among them … */
  readonly #parts: RunParts;
  /** … and every callback called, the built-in ones first. */
  readonly #callbacks: readonly Callback[];
  readonly #batchLossHooks: readonly Callback[];
  readonly #batchEndHooks: readonly Callback[];
  readonly #params: readonly Variable[];
  readonly #paramNames: readonly string[];
  /** With a `TerminateOnNaN` among the callbacks, non-finite gradients stop the run too. */
  readonly #guardGradients: boolean;
  #totals: EpochTotals | null = null;
  #stopRequest: { by: string; message: string } | null = null;
  /** Reused for every batch: the hooks get the same object, refilled. */
  readonly #batch: BatchInfo = {
    epoch: 0,
    batch: 0,
    batches: 0,
    step: 0,
    size: 0,
    loss: Number.NaN,
    gradNorm: Number.NaN,
  };

  constructor(model: Module, options: ResolvedFitOptions) {
    this.model = model;
    this.optimizer = options.optimizer;
    this.epochs = options.epochs;
    this.batchesPerEpoch = options.train.length;
    this.hasValidation = options.val !== undefined;
    this.#o = options;
    this.#parts = {
      model,
      optimizer: options.optimizer,
      scheduler: options.scheduler,
      train: options.train,
      metrics: options.metrics,
      callbacks: options.callbacks,
      generators: checkpointedGenerators(model, options.generators),
    };
    const builtIn: Callback[] = [];
    if (options.terminateOnNaN && !options.callbacks.some((c) => c instanceof TerminateOnNaN)) {
      builtIn.push(new TerminateOnNaN());
    }
    if (options.onProgress !== undefined) builtIn.push(new ProgressReporter(options.onProgress));
    this.#callbacks = [...builtIn, ...options.callbacks];
    this.#batchLossHooks = this.#callbacks.filter((c) => typeof c.onBatchLoss === 'function');
    this.#batchEndHooks = this.#callbacks.filter((c) => typeof c.onBatchEnd === 'function');
    const named = model.namedParameters();
    this.#params = named.map(([, p]) => p);
    this.#paramNames = named.map(([name]) => name);
    this.#guardGradients = this.#callbacks.some((c) => c instanceof TerminateOnNaN);
  }

  stop(by: string, message: string): void {
    this.#stopRequest ??= { by, message };
  }

  /** The whole run: restore or start, epochs until done, stopped or aborted, then the end. */
  async execute(): Promise<History> {
    const { resume, train } = this.#o;
    if (resume !== undefined) {
      const at = restoreCheckpoint(this.#parts, resume, this.batchesPerEpoch);
      this.completedEpochs = at.epoch;
      this.step = at.step;
      this.logs.push(...at.logs);
      this.#totals = at.totals;
      this.#stopRequest = at.stopRequest;
    } else {
      // A loader left in the middle of an epoch (a loop that broke early) starts afresh at the
      // next epoch: fit trains whole epochs.
      const cursor = train.getState();
      if (cursor.batch !== 0) train.setState({ epoch: cursor.epoch + 1, batch: 0 });
    }
    // A model that starts out non-finite (a damaged file loaded into it) is named as such, not
    // mistaken for a run that diverged.
    if (this.#guardGradients) {
      this.#checkWeights(
        resume === undefined
          ? 'the model is not finite before training: load or initialise finite weights'
          : 'the checkpoint resumed from holds it',
      );
    }
    this.model.train();
    for (const c of this.#callbacks) await c.onTrainBegin?.(this);

    let stop: StopInfo | null = null;
    while (stop === null) {
      if (this.#o.signal?.aborted) stop = this.#abortInfo();
      else if (this.#stopRequest !== null) stop = this.#stoppedInfo(this.#stopRequest);
      else if (this.completedEpochs >= this.epochs) stop = this.#completedInfo();
      else if (!(await this.#epoch())) stop = this.#abortInfo();
    }
    const history: History = { epochs: [...this.logs], stop };
    for (const c of this.#callbacks) await c.onTrainEnd?.(this, history);
    return history;
  }

  /** One epoch (or the rest of one, when resumed); false if aborted between two batches. */
  async #epoch(): Promise<boolean> {
    const o = this.#o;
    const epoch = this.completedEpochs + 1;
    if (this.#totals === null) {
      for (const m of o.metrics) m.reset();
      this.#totals = {
        batches: 0,
        samples: 0,
        lossSum: 0,
        gradNormSum: 0,
        lr: this.optimizer.paramGroups[0]?.lr ?? Number.NaN,
        trainTime: 0,
      };
    }
    const totals = this.#totals;
    for (const c of this.#callbacks) await c.onEpochBegin?.(this, epoch);

    if (totals.batches < this.batchesPerEpoch) {
      let start = now();
      let lastYield = start;
      for (const batch of o.train) {
        this.#trainStep(epoch, batch, totals);
        for (const c of this.#batchEndHooks) {
          const r = c.onBatchEnd!(this, this.#batch);
          if (r !== undefined) await r;
        }
        if (o.yieldEvery !== Number.POSITIVE_INFINITY) {
          const t = now();
          if (t - lastYield >= o.yieldEvery) {
            totals.trainTime += (t - start) / 1000;
            await yieldToEventLoop();
            start = lastYield = now();
          }
        }
        if (o.signal?.aborted) {
          totals.trainTime += (now() - start) / 1000;
          return false;
        }
      }
      totals.trainTime += (now() - start) / 1000;
      if (totals.batches !== this.batchesPerEpoch) {
        throw new ArgumentError(
          'fit',
          `train yielded ${totals.batches} batches in epoch ${epoch}, but its length says ${this.batchesPerEpoch}`,
        );
      }
    }
    const log = this.#finishEpoch(epoch, totals);
    this.#totals = null;
    this.logs.push(log);
    this.completedEpochs = epoch;
    for (const c of this.#callbacks) await c.onEpochEnd?.(this, log);
    return true;
  }

  /** Forward, loss, backward, step: the hot path, with no allocation of its own. */
  #trainStep(epoch: number, batch: Dataset, totals: EpochTotals): void {
    const o = this.#o;
    const { x, y } = batch;
    const size = x.shape[0] ?? 1;
    const info = this.#batch;
    info.epoch = epoch;
    info.batch = totals.batches + 1;
    info.batches = this.batchesPerEpoch;
    info.step = this.step;
    info.size = size;
    info.gradNorm = Number.NaN;

    this.optimizer.zeroGrad();
    const output = this.model.forward(x);
    const loss = o.loss(output, y);
    if (loss.size !== 1) {
      throw new ShapeError(
        'fit',
        `the loss must be one number per batch (reduction 'mean'), got shape ${formatShape(loss.shape)}`,
      );
    }
    const value = loss.data.data[0]!;
    info.loss = value;
    // The weights are finite (checked after every step), so a non-finite loss comes from the
    // forward pass overflowing, or from the batch itself: a loader other than DataLoader (which
    // checks its data when built) can hand out NaN. Name the sample rather than blame the weights.
    if (this.#guardGradients && !Number.isFinite(value)) {
      const where = `epoch ${epoch}, step ${info.batch}`;
      checkFiniteTensor('fit', `the inputs x of ${where}`, x);
      checkFiniteTensor('fit', `the targets y of ${where}`, y);
    }
    for (const c of this.#batchLossHooks) c.onBatchLoss!(this, info);

    loss.backward();
    const norm =
      o.clipGradNorm === undefined
        ? globalGradNorm(this.#params)
        : clipGradNorm(this.#params, o.clipGradNorm);
    // A finite norm means finite gradients, so the guard costs nothing on a healthy step.
    if (this.#guardGradients && !Number.isFinite(norm)) this.#checkGradients(epoch, value);
    this.optimizer.step();
    if (this.#guardGradients) {
      this.#checkWeights(
        `the update of epoch ${epoch}, step ${info.batch} overflowed (the gradient norm, ${norm.toPrecision(4)}, was finite): try a lower learning rate`,
      );
    }
    this.step += 1;
    if (o.scheduler !== undefined && o.schedulerInterval === 'batch') o.scheduler.step(value);
    for (const m of o.metrics) m.update(output.data, y);

    totals.batches += 1;
    totals.samples += size;
    totals.lossSum += value * size;
    totals.gradNormSum += norm;
    info.step = this.step;
    info.gradNorm = norm;
  }

  /**
   * Throws `NonFiniteGradientError` for the first parameter whose gradient holds NaN or
   * ±Infinity. (A norm can also overflow with every gradient finite, in float64 parameters
   * with gradients near 1e154; that step goes ahead.)
   */
  #checkGradients(epoch: number, loss: number): void {
    for (let p = 0; p < this.#params.length; p++) {
      const grad = peekGrad(this.#params[p]!);
      const hit = grad === null ? null : firstNonFinite(grad);
      if (hit !== null) {
        throw new NonFiniteGradientError(
          epoch,
          this.#batch.batch,
          this.#paramNames[p]!,
          hit.index,
          hit.value,
          loss,
        );
      }
    }
  }

  /**
   * Throws `NonFiniteWeightError` if the step just taken made a weight NaN or ±Infinity (finite
   * gradients, an update that overflowed), so that no later step, epoch end or callback
   * (`ModelCheckpoint`) ever sees it. One pass over the weights, what the gradient norm costs.
   */
  #checkWeights(context: string): void {
    for (let p = 0; p < this.#params.length; p++) {
      const hit = firstNonFinite(this.#params[p]!.data);
      if (hit !== null) {
        throw new NonFiniteWeightError('fit', { key: this.#paramNames[p]!, ...hit }, context);
      }
    }
  }

  /** Validation, the epoch's log and its scheduler step. */
  #finishEpoch(epoch: number, totals: EpochTotals): EpochLog {
    const o = this.#o;
    const metrics: Record<string, MetricValue> = {};
    for (const m of o.metrics) metrics[m.name] = m.result();
    const valStart = now();
    const val =
      o.val === undefined ? undefined : evaluateBatches(this.model, o.val, o.loss, o.metrics);
    const time = totals.trainTime + (now() - valStart) / 1000;
    const log: EpochLog = {
      epoch,
      loss: totals.lossSum / totals.samples,
      metrics,
      ...(val === undefined ? {} : { valLoss: val.loss, valMetrics: val.metrics }),
      lr: totals.lr,
      gradNorm: totals.gradNormSum / totals.batches,
      steps: totals.batches,
      samples: totals.samples,
      time,
      samplesPerSecond: totals.trainTime > 0 ? totals.samples / totals.trainTime : Number.NaN,
    };
    if (o.scheduler !== undefined && o.schedulerInterval === 'epoch') {
      const value = logValue(log, o.schedulerMonitor);
      if (typeof value === 'number') o.scheduler.step(value);
      else o.scheduler.step();
    }
    return log;
  }

  checkpoint(): TrainingCheckpoint {
    return captureCheckpoint(this.#parts, {
      epoch: this.completedEpochs,
      step: this.step,
      logs: this.logs,
      totals: this.#totals,
      stopRequest: this.#stopRequest,
    });
  }

  #abortInfo(): StopInfo {
    const batch = this.#totals?.batches ?? 0;
    const where =
      batch === 0
        ? `after epoch ${this.completedEpochs}`
        : `after batch ${batch} of ${this.batchesPerEpoch} in epoch ${this.completedEpochs + 1}`;
    return {
      reason: 'aborted',
      message: `aborted ${where}; resume from ctx.checkpoint() to continue`,
      epoch: this.completedEpochs,
      batch,
    };
  }

  #stoppedInfo(request: { by: string; message: string }): StopInfo {
    return {
      reason: 'stopped',
      by: request.by,
      message: `${request.by}: ${request.message}`,
      epoch: this.completedEpochs,
      batch: 0,
    };
  }

  #completedInfo(): StopInfo {
    return {
      reason: 'completed',
      message: `trained ${this.epochs} epoch${this.epochs === 1 ? '' : 's'}`,
      epoch: this.completedEpochs,
      batch: 0,
    };
  }
}

/**
 * The model's generators (its Dropout masks), then the ones `fit` was given that are not among
 * them: what a checkpoint must hold for a resumed run to draw the same numbers.
 */
function checkpointedGenerators(model: Module, given: readonly Generator[]): Generator[] {
  const own = model.generators();
  return [...own, ...given.filter((g) => !own.includes(g))];
}
