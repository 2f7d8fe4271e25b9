import { loadMnistSample } from '@nabla/datasets';
import { permutation } from '@nabla/tensor';

/** The MNIST digits every engine trains on: the 10,000 training digits of the embedded sample. */
export interface MnistData {
  /** [count, 784] float32 in [0, 1], row-major. */
  x: Float32Array;
  /** [count] int32 labels 0-9. */
  y: Int32Array;
  count: number;
  /** The batch order: batch b of every epoch is rows order[b·batch .. (b+1)·batch). */
  order: Int32Array;
}

export const PIXELS = 784;
export const CLASSES = 10;

export async function mnistData(): Promise<MnistData> {
  const { train } = await loadMnistSample();
  const count = train.x.shape[0]!;
  return {
    x: train.x.data as Float32Array,
    y: train.y.data as Int32Array,
    count,
    order: permutation(count, { seed: 0 }).data as Int32Array,
  };
}

/** Full batches per epoch (the last partial batch is dropped, as the peers' figures did). */
export function stepsPerEpoch(data: MnistData, batch: number): number {
  return Math.floor(data.count / batch);
}

/** Copies batch number `step` (modulo an epoch) into `x` and `y`: the minibatch assembly. */
export function fillBatch(
  data: MnistData,
  step: number,
  batch: number,
  x: Float32Array,
  y: Int32Array,
): void {
  const base = (step % stepsPerEpoch(data, batch)) * batch;
  for (let i = 0; i < batch; i++) {
    const row = data.order[base + i]!;
    x.set(data.x.subarray(row * PIXELS, (row + 1) * PIXELS), i * PIXELS);
    y[i] = data.y[row]!;
  }
}

/** The tiny problem: 10 fixed points in the plane, labelled by the sign of x·y (an XOR). */
export function tinyData(batch: number): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(batch * 2);
  const y = new Float32Array(batch);
  let s = 12345;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return (s / 2 ** 31) * 2 - 1;
  };
  for (let i = 0; i < batch; i++) {
    x[2 * i] = next();
    x[2 * i + 1] = next();
    y[i] = x[2 * i]! * x[2 * i + 1]! > 0 ? 1 : 0;
  }
  return { x, y };
}
