import { noGrad } from '@nabla/autograd';
import { DataLoader, type Dataset } from '@nabla/datasets';
import type { Module } from '@nabla/nn';
import { ArgumentError, Tensor } from '@nabla/tensor';
import type { EvalBatches } from './fit-options.js';
import type { LossFn } from './loss.js';
import type { Metric, MetricValue } from './metrics/metric.js';

export interface EvaluateOptions {
  /** The loss to average over the data (reported as `loss`); optional. */
  loss?: LossFn;
  /** Metrics to compute over the whole data (`[accuracy(), confusionMatrix({ numClasses: 10 })]`). */
  metrics?: Metric[];
  /** Batch size when `data` is a `{ x, y }` data set (default 1000). */
  batchSize?: number;
}

export interface EvaluateResult {
  /** The mean loss over the samples (each batch weighed by its size); NaN without `loss`. */
  loss: number;
  /** Each metric's result, by name. */
  metrics: Record<string, MetricValue>;
  /** Samples evaluated. */
  samples: number;
}

/**
 * The model's loss and metrics on `data` (a `DataLoader`, any iterable of `{ x, y }` batches,
 * or a `{ x, y }` data set), in evaluation mode (dropout off) and without recording gradients.
 * Every module's training flag is put back as it was, so calling this in the middle of
 * training changes nothing. A `DataLoader` is read in its first epoch's order, whatever its
 * cursor, so the same model gives the same numbers every time.
 */
export function evaluate(
  model: Module,
  data: EvalBatches | Dataset,
  options: EvaluateOptions = {},
): EvaluateResult {
  const op = 'evaluate';
  const batchSize = options.batchSize ?? 1000;
  let batches: EvalBatches;
  if (isDataset(data)) batches = new DataLoader(data, { batchSize });
  else if (data !== null && typeof data === 'object' && Symbol.iterator in data) batches = data;
  else
    throw new ArgumentError(op, 'data must be a DataLoader, an iterable of batches, or { x, y }');
  const metrics = options.metrics ?? [];
  return evaluateBatches(model, batches, options.loss, metrics);
}

/** `evaluate`'s work, shared with `fit`'s validation: metrics are reset before and after. */
export function evaluateBatches(
  model: Module,
  data: EvalBatches,
  loss: LossFn | undefined,
  metrics: readonly Metric[],
): EvaluateResult {
  const modules = model.modules();
  const modes = modules.map((m) => m.training);
  model.eval();
  try {
    return noGrad(() => {
      for (const m of metrics) m.reset();
      let lossSum = 0;
      let samples = 0;
      const batches = typeof data.epochBatches === 'function' ? data.epochBatches(0) : data;
      for (const { x, y } of batches) {
        const output = model.forward(x);
        const n = x.shape[0] ?? 1;
        if (loss !== undefined) lossSum += loss(output, y).item() * n;
        for (const m of metrics) m.update(output.data, y);
        samples += n;
      }
      const results: Record<string, MetricValue> = {};
      for (const m of metrics) {
        results[m.name] = m.result();
        m.reset();
      }
      return {
        loss: loss === undefined || samples === 0 ? Number.NaN : lossSum / samples,
        metrics: results,
        samples,
      };
    });
  } finally {
    modules.forEach((m, i) => {
      m.training = modes[i]!;
    });
  }
}

function isDataset(data: unknown): data is Dataset {
  const d = data as Partial<Dataset> | null;
  return d !== null && typeof d === 'object' && d.x instanceof Tensor && d.y instanceof Tensor;
}
