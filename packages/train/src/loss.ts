import type { Variable } from '@nabla/autograd';
import type { Tensor } from '@nabla/tensor';

/**
 * A training objective: the model's output for a batch and the batch's targets to a one-element
 * loss, averaged over the batch (PyTorch's `reduction: 'mean'`; `fit` weighs each batch by its
 * size to report the epoch's mean). The functions of @nabla/losses fit as they are:
 *
 * ```ts
 * fit(model, { loss: crossEntropy, ... })
 * fit(model, { loss: (out, y) => mseLoss(out, y), ... })
 * ```
 */
export type LossFn = (output: Variable, target: Tensor) => Variable;
