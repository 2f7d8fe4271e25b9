// The public surface of @nabla/datasets (browser-safe), named export by export. File system
// and network loaders live in the separate entry '@nabla/datasets/node'.

export { decodeBase64 } from './base64.js';
export type { Dataset } from './dataset.js';
export {
  ChecksumError,
  type DownloadAttempt,
  DownloadError,
  IdxError,
  MissingFileError,
  NonFiniteDataError,
  type NonFinitePosition,
} from './errors.js';
export { checkFiniteTensor } from './finite.js';
export { type DecodeIdxOptions, decodeIdx } from './idx/decode.js';
export { type EncodeIdxInput, encodeIdx } from './idx/encode.js';
export { IDX_DTYPES, type IdxArray, type IdxData, type IdxDType, isGzip } from './idx/format.js';
export { DEFAULT_MAX_BYTES, type Inflate, inflateWeb } from './idx/gzip.js';
export { type ParseIdxOptions, parseIdx } from './idx/parse.js';
export {
  DataLoader,
  type DataLoaderOptions,
  type DataLoaderState,
  epochSeed,
} from './loader/data-loader.js';
export { gatherRows } from './loader/gather.js';
export { type TrainValSplit, type TrainValSplitOptions, trainValSplit } from './loader/split.js';
export { imagesToDataset, type MnistData } from './mnist/convert.js';
export { loadMnistSample } from './mnist/sample.js';
export type { SeedOptions } from './options.js';
export { circles } from './toy/circles.js';
export type { ClassificationOptions, ToyOptions } from './toy/common.js';
export { gaussians } from './toy/gaussians.js';
export { linear } from './toy/linear.js';
export { moons } from './toy/moons.js';
export { multiGaussian } from './toy/multi-gaussian.js';
export { plane } from './toy/plane.js';
export { spiral } from './toy/spiral.js';
export { xor } from './toy/xor.js';
export {
  FEATURES,
  type Feature,
  type FeatureMapOptions,
  featureMap,
} from './transforms/features.js';
export { type NormalizeOptions, type NormalizeStats, normalize } from './transforms/normalize.js';
export { oneHot } from './transforms/one-hot.js';
export {
  type StandardizeOptions,
  type StandardizeStats,
  standardize,
} from './transforms/standardize.js';
