import { ADAM_DEFAULTS, AdamFamily, type AdamOptions } from './adam.js';
import type { Params } from './optimizer.js';
import { adamwUpdate } from './updates/adamw-update.js';

/** torch.optim.AdamW's defaults: Adam's, with weight decay on. */
const DEFAULTS: AdamOptions = { ...ADAM_DEFAULTS, weightDecay: 1e-2 };

/**
 * AdamW (torch.optim.AdamW; Loshchilov & Hutter, 2019): Adam with decoupled weight decay. Each
 * step first shrinks the weights, w ← w·(1 − η·λ), then takes Adam's step on the plain gradient,
 * so every weight decays at the same rate whatever its gradient's scale. Default weightDecay
 * 1e-2. See `adamwUpdate`.
 *
 * ```ts
 * const opt = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.01 });
 * ```
 */
export class AdamW extends AdamFamily {
  protected readonly rule = adamwUpdate;

  constructor(params: Params<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super('AdamW', params, DEFAULTS, options);
  }
}
