// The optimizer menu, mapped onto @nabla/optim's classes with torch's other defaults.
import type { Variable } from '@nabla/autograd';
import { Adagrad, Adam, RMSprop, SGD } from '@nabla/optim';
import type { OptimizerName } from '../state/options';

export type AnyOptimizer = SGD | Adagrad | RMSprop | Adam;

export const OPTIMIZER_LABELS: Record<OptimizerName, string> = {
  sgd: 'SGD',
  momentum: 'Momentum',
  nesterov: 'Nesterov',
  adagrad: 'AdaGrad',
  rmsprop: 'RMSprop',
  adam: 'Adam',
};

export interface OptimizerSettings {
  lr: number;
  /** μ of momentum and Nesterov (default 0.9). */
  momentum?: number;
  /** Coupled L2 weight decay, as torch.optim applies it. */
  weightDecay?: number;
}

export function makeOptimizer(
  name: OptimizerName,
  params: Variable[],
  { lr, momentum = 0.9, weightDecay = 0 }: OptimizerSettings,
): AnyOptimizer {
  switch (name) {
    case 'sgd':
      return new SGD(params, { lr, weightDecay });
    case 'momentum':
      return new SGD(params, { lr, momentum, weightDecay });
    case 'nesterov':
      // Nesterov needs μ > 0; μ = 0 is plain SGD, which is what the update reduces to anyway.
      return momentum > 0
        ? new SGD(params, { lr, momentum, nesterov: true, weightDecay })
        : new SGD(params, { lr, weightDecay });
    case 'adagrad':
      return new Adagrad(params, { lr, weightDecay });
    case 'rmsprop':
      return new RMSprop(params, { lr, weightDecay });
    case 'adam':
      return new Adam(params, { lr, weightDecay });
  }
}
