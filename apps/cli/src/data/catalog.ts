// The data sets `--data` knows by name: what they are, their classes and how they are obtained.
// Anything else given to `--data` is a path (a directory of IDX files, or a CSV file). No
// import of the data libraries here: help and usage errors should not wait for them.
/** What a model's input is: decides the normalisation, the report and what `predict` takes. */
export type DataKind = 'image' | 'points' | 'table';

export interface CatalogEntry {
  readonly name: string;
  readonly kind: DataKind;
  readonly description: string;
  readonly classes: readonly string[];
  readonly trainSize: number;
  readonly testSize: number;
  /** embedded in @nabla/datasets, generated from a seed, or downloaded into a cache. */
  readonly source: 'embedded' | 'generated' | 'download';
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const FASHION = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

/** Toy sets: this many training and test points, drawn with fixed seeds (the data never moves). */
export const TOY_TRAIN_SIZE = 1000;
export const TOY_TEST_SIZE = 500;
export const TOY_TRAIN_SEED = 1;
export const TOY_TEST_SEED = 2;

/** The 2-D toy sets of @nabla/datasets, by name (their generators are mapped in load.ts). */
export const TOY_NAMES = ['linear', 'xor', 'circles', 'gaussians', 'spiral', 'moons'] as const;

const TOY_DESCRIPTIONS: Record<string, string> = {
  linear: 'two linearly separable blobs (the perceptron’s case)',
  xor: 'exclusive or: the four quadrants',
  circles: 'a disc inside a ring (TensorFlow Playground)',
  gaussians: 'two Gaussian clouds',
  spiral: 'two interleaved spirals',
  moons: 'two interleaving half circles',
};

export const CATALOG: readonly CatalogEntry[] = [
  {
    name: 'mnist-sample',
    kind: 'image',
    description: 'handwritten digits, 28×28: a class-balanced sample of MNIST shipped with Nabla',
    classes: DIGITS,
    trainSize: 10_000,
    testSize: 2_000,
    source: 'embedded',
  },
  {
    name: 'mnist',
    kind: 'image',
    description: 'handwritten digits, 28×28 (LeCun, Cortes and Burges)',
    classes: DIGITS,
    trainSize: 60_000,
    testSize: 10_000,
    source: 'download',
  },
  {
    name: 'fashion-mnist',
    kind: 'image',
    description: 'clothes, 28×28, in MNIST’s format (Zalando)',
    classes: FASHION,
    trainSize: 60_000,
    testSize: 10_000,
    source: 'download',
  },
  ...TOY_NAMES.map(
    (name): CatalogEntry => ({
      name,
      kind: 'points',
      description: `2-D points: ${TOY_DESCRIPTIONS[name]}`,
      classes: ['0', '1'],
      trainSize: TOY_TRAIN_SIZE,
      testSize: TOY_TEST_SIZE,
      source: 'generated',
    }),
  ),
];

export function findCatalogEntry(name: string): CatalogEntry | undefined {
  return CATALOG.find((entry) => entry.name === name);
}

/** "mnist-sample, mnist, …", for messages. */
export function catalogNames(): string {
  return CATALOG.map((e) => e.name).join(', ');
}
