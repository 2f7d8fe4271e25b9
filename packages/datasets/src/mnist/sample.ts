import { gunzipSync } from 'fflate';
import { decodeBase64 } from '../base64.js';
import * as embedded from '../generated/mnist-sample.js';
import { decodeIdxAt } from '../idx/decode.js';
import type { IdxArray } from '../idx/format.js';
import { inflateError } from '../idx/gzip.js';
import { imagesToDataset, type MnistData } from './convert.js';

const op = 'loadMnistSample';

/**
 * Inflates one embedded file synchronously with fflate (a small, well-kept pure-JavaScript
 * inflater): browsers' DecompressionStream is asynchronous only, and a synchronous loader lets
 * `loadMnistSample()` be used directly or awaited, in Node and in browsers alike.
 */
function decodeEmbedded(file: embedded.EmbeddedFile): IdxArray {
  let inflated: Uint8Array;
  try {
    inflated = gunzipSync(decodeBase64(file.base64));
  } catch (cause) {
    throw inflateError(op, file.name, cause);
  }
  return decodeIdxAt(op, inflated, file.name, ' of the inflated data', true, false);
}

/**
 * The MNIST sample shipped inside this package: 10,000 training digits and 2,000 test digits
 * (1,000 and 200 of each class, drawn from the real training and test files by
 * scripts/make-sample.mjs), as `{ train: { x: [10000, 784], y: [10000] }, test: { x: [2000,
 * 784], y: [2000] } }`, x float32 in [0, 1], y int32 labels 0–9. Needs no file and no network,
 * in Node and in browsers. Synchronous (awaiting it works too). Each call decodes afresh (about
 * 0.1 s) and returns new tensors.
 */
export function loadMnistSample(): MnistData {
  return {
    train: imagesToDataset(
      op,
      decodeEmbedded(embedded.trainImages),
      decodeEmbedded(embedded.trainLabels),
      [embedded.trainImages.name, embedded.trainLabels.name],
    ),
    test: imagesToDataset(
      op,
      decodeEmbedded(embedded.testImages),
      decodeEmbedded(embedded.testLabels),
      [embedded.testImages.name, embedded.testLabels.name],
    ),
  };
}
