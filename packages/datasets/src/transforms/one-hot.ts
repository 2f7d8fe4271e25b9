import {
  ArgumentError,
  DTypeError,
  type OneHotOptions,
  oneHot as oneHotTensor,
  Tensor,
} from '@nabla/tensor';

/**
 * Class labels (int32) to one-hot rows, float32 by default: [n] → [n, numClasses]. Like
 * @nabla/tensor's `oneHot`, except that `numClasses` may be left out and is then the largest
 * label + 1 (pass it for data that might lack the last classes, e.g. a small batch).
 */
export function oneHot(labels: Tensor, numClasses?: number, options?: OneHotOptions): Tensor {
  if (numClasses === undefined && labels instanceof Tensor) {
    if (labels.dtype !== 'int32') {
      throw new DTypeError('oneHot', `labels must be int32 class indices, got ${labels.dtype}`);
    }
    if (labels.size === 0) {
      throw new ArgumentError('oneHot', 'numClasses cannot be inferred from no labels; pass it');
    }
    let largest = Number.NEGATIVE_INFINITY;
    for (const v of labels.data) if (v > largest) largest = v;
    numClasses = largest + 1;
  }
  return oneHotTensor(labels, numClasses as number, options);
}
