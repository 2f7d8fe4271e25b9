// The Digits view's model and its training: an MLP from @nabla/nn trained on the embedded MNIST
// sample by @nabla/train's fit, watched by its EarlyStopping (patience, EMA smoothing, restore
// the best epoch). Runs in the worker; written against plain callbacks so tests can drive it.
import { noGrad } from '@nabla/autograd';
import { DataLoader, type Dataset, type MnistData, trainValSplit } from '@nabla/datasets';
import { crossEntropy } from '@nabla/losses';
import { mlp, type Sequential } from '@nabla/nn';
import { softmax, Tensor } from '@nabla/tensor';
import { accuracy, type Callback, EarlyStopping, fit } from '@nabla/train';
import { makeOptimizer } from '../shared/make-optimizer';
import type { DigitsState } from '../state/app-state';
import type { EpochReport, Evaluation, Mistake, TrainingEnd } from './protocol';

/** Share of the training digits held out to watch for overfitting. */
export const VAL_FRACTION = 0.1;
const MAX_MISTAKES = 120;

export interface SessionEvents {
  batch(epoch: number, batch: number, batches: number, loss: number, steps: number): void;
  epoch(report: EpochReport): void;
}

export function buildModel(s: DigitsState, seed: number): Sequential {
  return mlp([784, ...s.layers, 10], { activation: 'relu', dropout: s.dropout, seed });
}

export class DigitsSession {
  readonly data: MnistData;
  readonly split: { train: Dataset; val: Dataset };
  model: Sequential;
  #controller: AbortController | null = null;

  constructor(data: MnistData, settings: DigitsState, seed: number) {
    this.data = data;
    const { train, val } = trainValSplit(data.train, {
      valFraction: VAL_FRACTION,
      seed: 0,
      stratified: true,
    });
    this.split = { train, val };
    this.model = buildModel(settings, seed);
  }

  get training(): boolean {
    return this.#controller !== null;
  }

  reset(settings: DigitsState, seed: number): void {
    this.stop();
    this.model = buildModel(settings, seed);
  }

  stop(): void {
    this.#controller?.abort();
  }

  /** Trains a fresh model with `settings` until early stopping, `maxEpochs` or `stop()`. */
  async train(settings: DigitsState, seed: number, events: SessionEvents): Promise<TrainingEnd> {
    this.stop();
    const controller = new AbortController();
    this.#controller = controller;
    const model = buildModel(settings, seed);
    this.model = model;
    const optimizer = makeOptimizer(settings.optimizer, model.parameters(), {
      lr: settings.lr,
      weightDecay: settings.weightDecay,
    });
    const early = new EarlyStopping({
      patience: settings.patience,
      smoothing: settings.smoothing,
      restoreBestWeights: true,
    });
    const report: Callback = {
      name: 'PlaygroundReport',
      onEpochEnd: (_ctx, log) => {
        const valAccuracy = log.valMetrics?.accuracy;
        events.epoch({
          epoch: log.epoch,
          loss: log.loss,
          valLoss: log.valLoss ?? Number.NaN,
          smoothed: early.smoothed ?? Number.NaN,
          valAccuracy: typeof valAccuracy === 'number' ? valAccuracy : Number.NaN,
          bestEpoch: early.bestEpoch,
          wait: early.wait,
          test: this.evaluate(),
        });
      },
    };
    try {
      const history = await fit(model, {
        loss: (output, target) => crossEntropy(output, target),
        optimizer,
        train: new DataLoader(this.split.train, {
          batchSize: settings.batchSize,
          shuffle: true,
          seed,
        }),
        val: new DataLoader(this.split.val, { batchSize: 500 }),
        epochs: settings.maxEpochs,
        metrics: [accuracy()],
        // EarlyStopping first, so the report sees this epoch's smoothed value and best epoch.
        callbacks: [early, report],
        signal: controller.signal,
        yieldEvery: 30,
        onProgress: (e) => {
          if (e.type === 'batch') events.batch(e.epoch, e.batch, e.batches, e.loss, e.step);
        },
      });
      return {
        message: history.stop.message,
        stoppedEpoch: early.stoppedEpoch,
        restoredEpoch: early.restoredEpoch,
        aborted: history.stop.reason === 'aborted',
        test: this.evaluate(),
      };
    } finally {
      if (this.#controller === controller) this.#controller = null;
    }
  }

  /** Class probabilities for 784 pixels, in eval mode even while training runs. */
  predict(pixels: Float32Array): number[] {
    return Array.from(this.#probabilities(new Tensor(pixels, [1, 784])).data);
  }

  /** Accuracy on the test digits and the ones it gets wrong, most confident first. */
  evaluate(): Evaluation {
    const { x, y } = this.data.test;
    const p = this.#probabilities(x).data;
    const n = y.shape[0]!;
    let correct = 0;
    const mistakes: Mistake[] = [];
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < 10; k++) if (p[i * 10 + k]! > p[i * 10 + best]!) best = k;
      const label = y.data[i]!;
      if (best === label) correct++;
      else mistakes.push({ index: i, label, predicted: best, confidence: p[i * 10 + best]! });
    }
    mistakes.sort((a, b) => b.confidence - a.confidence);
    return { accuracy: correct / n, mistakes: mistakes.slice(0, MAX_MISTAKES) };
  }

  #probabilities(x: Tensor): Tensor {
    const wasTraining = this.model.training;
    this.model.eval();
    try {
      return noGrad(() => softmax(this.model.forward(x).data, { axis: -1 }));
    } finally {
      this.model.train(wasTraining);
    }
  }
}
