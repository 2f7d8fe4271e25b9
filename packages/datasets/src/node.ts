// @nabla/datasets/node: the only part of the package that touches the file system and the
// network. Everything else (toy sets, IDX parsing, the embedded MNIST sample, the loader) is in
// the browser-safe main entry.

export { nablaHome, writeFileAtomic } from './node/cache.js';
export type { DownloadProgress } from './node/download.js';
export { inflateNode } from './node/inflate.js';
export type { LoadIdxDatasetOptions } from './node/load.js';
export { type LoadMnistOptions, loadFashionMnist, loadMnist } from './node/mnist.js';
export {
  FASHION_MNIST,
  type IdxDatasetSpec,
  type IdxFileSpec,
  type IdxRole,
  MNIST,
} from './node/specs.js';
