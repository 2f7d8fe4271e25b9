import { DTypeError, ShapeError, Tensor } from '@nabla/tensor';
import type { Dataset } from '../dataset.js';
import type { IdxArray } from '../idx/format.js';

/** A train/test pair as every MNIST-style loader returns it. */
export interface MnistData {
  readonly train: Dataset;
  readonly test: Dataset;
}

// Every byte's float32 value in [0, 1], so conversion is one table look-up per pixel.
const SCALE = new Float32Array(256);
for (let v = 0; v < 256; v++) SCALE[v] = v / 255;

/**
 * IDX images [n, rows, cols] (uint8) and labels [n] (uint8) to `{ x: [n, rows·cols] float32 in
 * [0, 1], y: [n] int32 }`. `names` are the two files, for messages.
 */
export function imagesToDataset(
  op: string,
  images: IdxArray,
  labels: IdxArray,
  names: readonly [string, string],
): Dataset {
  const [imageName, labelName] = names;
  if (images.dtype !== 'uint8' || labels.dtype !== 'uint8') {
    throw new DTypeError(op, `${imageName} and ${labelName} must hold uint8 (IDX code 0x08)`);
  }
  if (images.shape.length !== 3 || labels.shape.length !== 1) {
    throw new ShapeError(
      op,
      `${imageName} must be [n, rows, cols] and ${labelName} [n], got [${images.shape.join(',')}] and [${labels.shape.join(',')}]`,
    );
  }
  const [n, rows, cols] = images.shape as [number, number, number];
  if (labels.shape[0] !== n) {
    throw new ShapeError(
      op,
      `${imageName} holds ${n} images but ${labelName} ${labels.shape[0]} labels`,
    );
  }
  const pixels = images.data;
  const x = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) x[i] = SCALE[pixels[i]!]!;
  const y = Int32Array.from(labels.data);
  return { x: new Tensor(x, [n, rows * cols]), y: new Tensor(y, [n]) };
}
