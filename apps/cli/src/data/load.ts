// `--data` to tensors: a name from the catalog, a directory of IDX files or a CSV file, always
// as a train part and a test part of a classification problem.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ChecksumError,
  type ClassificationOptions,
  circles,
  type Dataset,
  gaussians,
  imagesToDataset,
  linear,
  loadMnistSample,
  MissingFileError,
  moons,
  parseIdx,
  spiral,
  trainValSplit,
  xor,
} from '@nabla/datasets';
import {
  type DownloadProgress,
  inflateNode,
  loadFashionMnist,
  loadMnist,
  nablaHome,
} from '@nabla/datasets/node';
import { Tensor } from '@nabla/tensor';
import { CliError, UsageError } from '../errors.js';
import {
  catalogNames,
  type DataKind,
  findCatalogEntry,
  TOY_TEST_SEED,
  TOY_TEST_SIZE,
  TOY_TRAIN_SEED,
  TOY_TRAIN_SIZE,
} from './catalog.js';
import { classesOf, parseCsv } from './csv.js';

export interface DataRequest {
  /** A catalog name or a path. */
  readonly data: string;
  /** Where mnist / fashion-mnist are read from or downloaded to. */
  readonly dataDir?: string | undefined;
  readonly download?: boolean | undefined;
  /** Noise of the toy sets (their own meaning of it), default 0. */
  readonly noise?: number | undefined;
  /** CSV only: the label column, by header name or 1-based number. */
  readonly labelColumn?: string | undefined;
  /** Class names to read labels as (a model's), instead of deriving them from the data. */
  readonly classes?: readonly string[] | undefined;
  readonly onDownload?: ((progress: DownloadProgress) => void) | undefined;
}

export interface LoadedData {
  /** The catalog name, or the path as given. */
  readonly name: string;
  readonly kind: DataKind;
  readonly classes: string[];
  /** Inputs per sample. */
  readonly features: number;
  /** [rows, cols] for images. */
  readonly imageShape: [number, number] | null;
  /** Column names for CSV data. */
  readonly featureNames: string[] | null;
  readonly train: Dataset;
  readonly test: Dataset;
}

const TOY_SETS: Readonly<Record<string, (options: ClassificationOptions) => Dataset>> = {
  linear,
  xor,
  circles,
  gaussians,
  spiral,
  moons,
};

/** Data without a test part of its own holds out this share, always with the same seed. */
export const HOLDOUT_FRACTION = 0.2;
const HOLDOUT_SEED = 0;

export async function loadData(request: DataRequest): Promise<LoadedData> {
  const { data } = request;
  const entry = findCatalogEntry(data);
  if (entry !== undefined) {
    if (entry.kind === 'points') return loadToy(data, request);
    const images = await loadImageSet(data, request);
    return {
      name: data,
      kind: 'image',
      classes: checkClasses(data, [...entry.classes], request.classes, true),
      features: 784,
      imageShape: [28, 28],
      featureNames: null,
      ...images,
    };
  }
  // Not a name: a path. Something that does not look like one is a misspelt name.
  if (!/[/\\.]/.test(data)) {
    // A bare word that names something here was most likely meant as that path.
    const here = await stat(data).then(
      () => `; "${data}" here is read as a path when written ./${data}`,
      () => '; or give a path to a directory of IDX files or a CSV file',
    );
    throw new UsageError(`--data: unknown data set "${data}" (known: ${catalogNames()}${here})`);
  }
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(data);
  } catch (error) {
    throw new CliError(`--data ${data}: ${describeStatError(error)}`);
  }
  return info.isDirectory() ? loadIdxDirectory(data, request) : loadCsv(data, request);
}

function describeStatError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

function loadToy(name: string, request: DataRequest): LoadedData {
  const make = TOY_SETS[name]!;
  const noise = request.noise ?? 0;
  return {
    name,
    kind: 'points',
    classes: checkClasses(name, ['0', '1'], request.classes, true),
    features: 2,
    imageShape: null,
    featureNames: ['x', 'y'],
    train: make({ n: TOY_TRAIN_SIZE, noise, seed: TOY_TRAIN_SEED }),
    test: make({ n: TOY_TEST_SIZE, noise, seed: TOY_TEST_SEED }),
  };
}

async function loadImageSet(
  name: string,
  request: DataRequest,
): Promise<{ train: Dataset; test: Dataset }> {
  if (name === 'mnist-sample') return loadMnistSample();
  const root = request.dataDir ?? join(nablaHome(), name);
  const options = {
    root,
    download: request.download ?? false,
    ...(request.onDownload ? { onProgress: request.onDownload } : {}),
  };
  try {
    return await (name === 'mnist' ? loadMnist(options) : loadFashionMnist(options));
  } catch (error) {
    // The library's messages speak of its options (download: true, root); say the flags.
    if (error instanceof MissingFileError) {
      throw new CliError(
        `${name}: ${error.file} is not in ${root}; pass --download to fetch it, or --data-dir DIR for a directory that holds it`,
      );
    }
    if (error instanceof ChecksumError) {
      throw new CliError(
        `${name}: checksum mismatch for ${error.file} (SHA-256 ${error.actual}, expected ${error.expected}); delete the file, or pass --download to fetch it again`,
      );
    }
    throw error;
  }
}

/** The four files of a directory such as MNIST's, found by the usual names. */
const IDX_PATTERNS = {
  trainImages: /train.*images|images.*train/i,
  trainLabels: /train.*labels|labels.*train/i,
  testImages: /(t10k|test).*images|images.*(t10k|test)/i,
  testLabels: /(t10k|test).*labels|labels.*(t10k|test)/i,
} as const;

async function loadIdxDirectory(dir: string, request: DataRequest): Promise<LoadedData> {
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  const find = (role: keyof typeof IDX_PATTERNS): string | undefined =>
    names.find((n) => IDX_PATTERNS[role].test(n));
  const trainImages = find('trainImages');
  const trainLabels = find('trainLabels');
  if (trainImages === undefined || trainLabels === undefined) {
    throw new CliError(
      `--data ${dir}: expected IDX files named like train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz] (and optionally t10k-… for the test set); found ${names.length === 0 ? 'an empty directory' : names.join(', ')}`,
    );
  }
  const read = async (file: string) =>
    parseIdx(await readFile(join(dir, file)), { name: file, inflate: inflateNode });
  const op = `--data ${dir}`;
  const trainSet = imagesToDataset(op, await read(trainImages), await read(trainLabels), [
    trainImages,
    trainLabels,
  ]);
  const testImages = find('testImages');
  const testLabels = find('testLabels');
  let train: Dataset;
  let test: Dataset;
  if (testImages !== undefined && testLabels !== undefined) {
    train = trainSet;
    test = imagesToDataset(op, await read(testImages), await read(testLabels), [
      testImages,
      testLabels,
    ]);
  } else {
    ({ train, test } = holdOut(trainSet));
  }
  const side = Math.round(Math.sqrt(train.x.shape[1]!));
  const features = train.x.shape[1]!;
  const largest = Math.max(maxLabel(train.y), maxLabel(test.y));
  const derived = Array.from({ length: largest + 1 }, (_, i) => String(i));
  return {
    name: dir,
    kind: 'image',
    classes: checkClasses(dir, derived, request.classes, false),
    features,
    // Square images only are drawn as images (the report, predict); others stay flat vectors.
    imageShape: side * side === features ? [side, side] : null,
    featureNames: null,
    train,
    test,
  };
}

function maxLabel(y: Tensor): number {
  let m = 0;
  for (const v of y.data) if (v > m) m = v;
  return m;
}

async function loadCsv(file: string, request: DataRequest): Promise<LoadedData> {
  const table = parseCsv(await readFile(file, 'utf8'), file, request.labelColumn);
  const classes = request.classes ? [...request.classes] : classesOf(table.labels);
  const index = new Map(classes.map((c, i) => [c, i]));
  const y = new Int32Array(table.labels.length);
  table.labels.forEach((label, i) => {
    const k = index.get(label);
    if (k === undefined) {
      throw new CliError(
        `${file}: label "${label}" is not one of the model's classes (${classes.join(', ')})`,
      );
    }
    y[i] = k;
  });
  if (request.classes === undefined && classes.length < 2) {
    throw new CliError(`${file}: the label column "${table.labelName}" holds a single class`);
  }
  const n = y.length;
  const features = table.featureNames.length;
  const all: Dataset = {
    x: new Tensor(table.features, [n, features]),
    y: new Tensor(y, [n]),
  };
  if (n < 5)
    throw new CliError(`${file}: needs at least 5 rows to hold out a test set, found ${n}`);
  return {
    name: file,
    kind: features === 2 ? 'points' : 'table',
    classes,
    features,
    imageShape: null,
    featureNames: table.featureNames,
    ...holdOut(all),
  };
}

/** A fixed, stratified share of the data as the test set, the same on every run. */
function holdOut(data: Dataset): { train: Dataset; test: Dataset } {
  const split = trainValSplit(data, {
    valFraction: HOLDOUT_FRACTION,
    seed: HOLDOUT_SEED,
    stratified: true,
  });
  return { train: split.train, test: split.val };
}

/**
 * The data's own classes, or the model's when given: a named data set must have exactly the
 * model's classes; unnamed labels (IDX digits) need only fit in them.
 */
function checkClasses(
  name: string,
  own: string[],
  wanted: readonly string[] | undefined,
  named: boolean,
): string[] {
  if (wanted === undefined) return own;
  if (named && own.join('\u0000') !== wanted.join('\u0000')) {
    throw new CliError(
      `${name}'s classes (${own.join(', ')}) are not the model's (${wanted.join(', ')}): was it trained on other data?`,
    );
  }
  if (wanted.length < own.length) {
    throw new CliError(
      `${name} has ${own.length} classes but the model knows ${wanted.length} (${wanted.join(', ')})`,
    );
  }
  return [...wanted];
}
