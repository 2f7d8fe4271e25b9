// --optimizer to an optimizer of @nabla/optim, with PyTorch's defaults unless a flag says
// otherwise. "momentum" and "nesterov" are SGD with (Nesterov) momentum, 0.9 by default.
import type { Variable } from '@nabla/autograd';
import { Adagrad, Adam, AdamW, RMSprop, SGD } from '@nabla/optim';
import type { OptimizerLike } from '@nabla/train';
import type { RunConfig } from './config.js';

export function makeOptimizer(params: Variable[], config: RunConfig): OptimizerLike {
  const { lr } = config;
  const decay = config.weightDecay === null ? {} : { weightDecay: config.weightDecay };
  const momentum = (fallback: number) => config.momentum ?? fallback;
  switch (config.optimizer) {
    case 'sgd':
      return new SGD(params, { lr, momentum: momentum(0), ...decay });
    case 'momentum':
      return new SGD(params, { lr, momentum: momentum(0.9), ...decay });
    case 'nesterov':
      return new SGD(params, { lr, momentum: momentum(0.9), nesterov: true, ...decay });
    case 'adagrad':
      return new Adagrad(params, { lr, ...decay });
    case 'rmsprop':
      return new RMSprop(params, { lr, momentum: momentum(0), ...decay });
    case 'adam':
      return new Adam(params, { lr, ...decay });
    case 'adamw':
      return new AdamW(params, { lr, ...decay });
  }
}

/** "adam (lr 0.001)", "nesterov (lr 0.01, momentum 0.9, weight decay 0.0001)". */
export function describeOptimizer(config: RunConfig): string {
  const parts = [`lr ${config.lr}`];
  const m =
    config.momentum ??
    (config.optimizer === 'momentum' || config.optimizer === 'nesterov' ? 0.9 : null);
  if (m !== null && m !== 0) parts.push(`momentum ${m}`);
  const wd = config.weightDecay ?? (config.optimizer === 'adamw' ? 0.01 : null);
  if (wd !== null && wd !== 0) parts.push(`weight decay ${wd}`);
  return `${config.optimizer} (${parts.join(', ')})`;
}
