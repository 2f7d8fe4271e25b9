import type { MnistData } from '../mnist/convert.js';
import { type LoadIdxDatasetOptions, loadIdxDataset } from './load.js';
import { FASHION_MNIST, MNIST } from './specs.js';

export type LoadMnistOptions = LoadIdxDatasetOptions;

/**
 * The full MNIST: 60,000 training and 10,000 test digits, x [n, 784] float32 in [0, 1], y [n]
 * int32 labels. Reads `root` (default `$NABLA_HOME/mnist`); with `download: true`, fetches the
 * missing files from the mirrors into it. Every file is checked against its published SHA-256.
 *
 *     await loadMnist({ root: '../shared/data/mnist' });
 *     await loadMnist({ download: true }); // into ~/.cache/nabla/mnist
 */
export function loadMnist(options?: LoadMnistOptions): Promise<MnistData> {
  return loadIdxDataset(MNIST, options);
}

/**
 * Fashion-MNIST (Zalando): 60,000 + 10,000 28×28 images of 10 kinds of clothing, in MNIST's
 * format and shapes. Options as for `loadMnist`; the default root is `$NABLA_HOME/fashion-mnist`.
 */
export function loadFashionMnist(options?: LoadMnistOptions): Promise<MnistData> {
  return loadIdxDataset(FASHION_MNIST, options);
}
