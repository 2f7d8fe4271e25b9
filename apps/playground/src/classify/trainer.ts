// A Classify training run, stepped one epoch at a time so the page can watch it: the data, the
// network, @nabla/optim's optimizer and @nabla/datasets' DataLoader, and the pictures of it all.
import { noGrad } from '@nabla/autograd';
import { DataLoader } from '@nabla/datasets';
import type { Sequential } from '@nabla/nn';
import { Tensor } from '@nabla/tensor';
import { type AnyOptimizer, makeOptimizer } from '../shared/make-optimizer';
import type { ClassifyState } from '../state/app-state';
import { featuresOf } from './features';
import { gridLines, gridPoints } from './grid';
import { buildNetwork, dataLoss, layerOutputs, linears, objective } from './model';
import type { ClassifyData, ClassifyFrame } from './protocol';

export const OUTPUT_SIZE = 64;
export const UNIT_SIZE = 24;
const LINES = 13;
const LINE_SAMPLES = 41;

function column(values: Float32Array): Tensor {
  return new Tensor(values, [values.length, 1]);
}

export class ClassifyTrainer {
  readonly state: ClassifyState;
  readonly data: ClassifyData;
  epoch = 0;
  trainHistory: number[] = [];
  testHistory: number[] = [];
  space = { layer: 1, units: [0, 1] as [number, number] };
  #model: Sequential;
  #optimizer: AnyOptimizer;
  #loader: DataLoader;
  #trainX: Tensor;
  #trainY: Tensor;
  #testX: Tensor;
  #testY: Tensor;
  #outputGrid: Tensor;
  #unitGrid: Tensor;
  #lines: Tensor;
  #allX: Tensor;

  constructor(state: ClassifyState, seed: number, data: ClassifyData) {
    this.state = state;
    this.data = data;
    this.space = { layer: state.spaceLayer, units: state.spaceUnits };
    const f = state.features;
    this.#trainX = featuresOf(data.trainPoints, f);
    this.#trainY = column(data.trainTargets);
    this.#testX = featuresOf(data.testPoints, f);
    this.#testY = column(data.testTargets);
    const both = new Float32Array(data.trainPoints.length + data.testPoints.length);
    both.set(data.trainPoints);
    both.set(data.testPoints, data.trainPoints.length);
    this.#allX = featuresOf(both, f);
    this.#outputGrid = featuresOf(gridPoints(OUTPUT_SIZE), f);
    this.#unitGrid = featuresOf(gridPoints(UNIT_SIZE), f);
    this.#lines = featuresOf(gridLines(LINES, LINE_SAMPLES), f);
    this.#model = buildNetwork(state, seed);
    this.#optimizer = makeOptimizer(state.optimizer, this.#model.parameters(), { lr: state.lr });
    this.#loader = new DataLoader(
      { x: this.#trainX, y: this.#trainY },
      { batchSize: state.batchSize, shuffle: true, seed },
    );
    this.#record();
  }

  /** One pass over the training points in shuffled minibatches. */
  trainEpoch(): void {
    this.#model.train();
    for (const { x, y } of this.#loader) {
      this.#optimizer.zeroGrad();
      objective(this.state, this.#model, this.#model.forward(x), y).backward();
      this.#optimizer.step();
    }
    this.epoch += 1;
    this.#record();
  }

  get trainLoss(): number {
    return this.trainHistory[this.trainHistory.length - 1]!;
  }

  get testLoss(): number {
    return this.testHistory[this.testHistory.length - 1]!;
  }

  #record(): void {
    this.#model.eval();
    noGrad(() => {
      const loss = (x: Tensor, y: Tensor) => dataLoss(this.state, this.#model.forward(x), y).item();
      this.trainHistory.push(loss(this.#trainX, this.#trainY));
      this.testHistory.push(loss(this.#testX, this.#testY));
    });
  }

  /** Everything the view draws, computed in eval mode (dropout off). */
  frame(): ClassifyFrame {
    this.#model.eval();
    return noGrad(() => {
      const regression = this.state.problem === 'regression';
      const out = layerOutputs(this.#model, this.#outputGrid).output.data;
      const output = new Float32Array(out.length);
      for (let i = 0; i < out.length; i++) {
        const z = out[i]!;
        output[i] = regression ? z : 2 / (1 + Math.exp(-z)) - 1;
      }
      const units = layerOutputs(this.#model, this.#unitGrid).hidden.map((h) =>
        transpose(h.data, h.shape[0]!, h.shape[1]!),
      );
      const layers = linears(this.#model);
      return {
        epoch: this.epoch,
        trainLoss: this.trainLoss,
        testLoss: this.testLoss,
        trainHistory: [...this.trainHistory],
        testHistory: [...this.testHistory],
        output,
        outputSize: OUTPUT_SIZE,
        units,
        unitSize: UNIT_SIZE,
        weights: layers.map((l) => Float32Array.from(l.weight.data.data)),
        biases: layers.map((l) =>
          l.bias === null ? new Float32Array(l.outFeatures) : Float32Array.from(l.bias.data.data),
        ),
        space: this.#space(),
      };
    });
  }

  /** The chosen hidden layer's view of the points and of the plane's grid lines. */
  #space(): ClassifyFrame['space'] {
    const { layer, units } = this.space;
    const pick = (x: Tensor) => {
      const h = layerOutputs(this.#model, x).hidden[layer - 1];
      if (h === undefined) return null;
      const width = h.shape[1]!;
      const [a, b] = units.map((u) => Math.min(u, width - 1)) as [number, number];
      const n = h.shape[0]!;
      const out = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        out[2 * i] = h.data[i * width + a]!;
        // A one-unit layer is a line: plot it against zero.
        out[2 * i + 1] = width === 1 ? 0 : h.data[i * width + b]!;
      }
      return out;
    };
    const points = pick(this.#allX);
    const lines = pick(this.#lines);
    return points === null || lines === null ? null : { points, lines };
  }
}

/** [n, units] row-major to [units, n]: one contiguous heatmap per unit. */
function transpose(data: ArrayLike<number>, n: number, units: number): Float32Array {
  const out = new Float32Array(n * units);
  for (let i = 0; i < n; i++) for (let u = 0; u < units; u++) out[u * n + i] = data[i * units + u]!;
  return out;
}

export const SPACE_LINES = { count: LINES, samples: LINE_SAMPLES };
