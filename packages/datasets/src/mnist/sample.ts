import { decodeBase64 } from '../base64.js';
import * as embedded from '../generated/mnist-sample.js';
import type { Inflate } from '../idx/gzip.js';
import { parseIdx } from '../idx/parse.js';
import { checkOptions } from '../options.js';
import { imagesToDataset, type MnistData } from './convert.js';

export interface LoadMnistSampleOptions {
  /** The gzip inflater; default `DecompressionStream`, available in browsers and Node ≥ 18. */
  inflate?: Inflate;
}

/**
 * The MNIST sample shipped inside this package: 10,000 training digits and 2,000 test digits
 * (1,000 and 200 of each class, drawn from the real training and test files by
 * scripts/make-sample.mjs), as `{ train: { x: [10000, 784], y: [10000] }, test: { x: [2000,
 * 784], y: [2000] } }`, x float32 in [0, 1], y int32 labels 0–9. Needs no file and no network,
 * in Node and in browsers; gzip's CRC-32 checks the embedded bytes as they are inflated. Each
 * call decodes afresh (about 0.1 s) and returns new tensors.
 */
export async function loadMnistSample(options?: LoadMnistSampleOptions): Promise<MnistData> {
  const { inflate } = checkOptions<LoadMnistSampleOptions>('loadMnistSample', options);
  const parse = (file: embedded.EmbeddedFile) =>
    parseIdx(decodeBase64(file.base64), { name: file.name, ...(inflate ? { inflate } : {}) });
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
    parse(embedded.trainImages),
    parse(embedded.trainLabels),
    parse(embedded.testImages),
    parse(embedded.testLabels),
  ]);
  const op = 'loadMnistSample';
  return {
    train: imagesToDataset(op, trainImages, trainLabels, [
      embedded.trainImages.name,
      embedded.trainLabels.name,
    ]),
    test: imagesToDataset(op, testImages, testLabels, [
      embedded.testImages.name,
      embedded.testLabels.name,
    ]),
  };
}
