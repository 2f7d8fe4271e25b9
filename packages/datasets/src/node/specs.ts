// The four files of MNIST and Fashion-MNIST: names, SHA-256s and mirrors. The checksums are
// the published ones (torchvision's MD5s and TensorFlow's SHA-256s agree with them), as listed
// in ../shared/data/{mnist,fashion-mnist}/README.md.

export type IdxRole = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';

export interface IdxFileSpec {
  /** The gzipped file's name, as the mirrors serve it. */
  readonly gz: string;
  readonly gzSha256: string;
  /** The same file gunzipped, in case a directory holds it uncompressed. */
  readonly raw: string;
  readonly rawSha256: string;
}

export interface IdxDatasetSpec {
  /** For messages: 'loadMnist'. */
  readonly op: string;
  /** Directory under NABLA_HOME. */
  readonly dir: string;
  readonly mirrors: readonly string[];
  readonly files: Readonly<Record<IdxRole, IdxFileSpec>>;
}

export const IDX_ROLES: readonly IdxRole[] = [
  'trainImages',
  'trainLabels',
  'testImages',
  'testLabels',
];

const file = (raw: string, gzSha256: string, rawSha256: string): IdxFileSpec => ({
  gz: `${raw}.gz`,
  gzSha256,
  raw,
  rawSha256,
});

export const MNIST: IdxDatasetSpec = {
  op: 'loadMnist',
  dir: 'mnist',
  // torchvision's primary mirror, then the CVDF copy TensorFlow's tutorials use.
  mirrors: [
    'https://ossci-datasets.s3.amazonaws.com/mnist/',
    'https://storage.googleapis.com/cvdf-datasets/mnist/',
  ],
  files: {
    trainImages: file(
      'train-images-idx3-ubyte',
      '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
      'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
    ),
    trainLabels: file(
      'train-labels-idx1-ubyte',
      '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
      '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
    ),
    testImages: file(
      't10k-images-idx3-ubyte',
      '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
      '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
    ),
    testLabels: file(
      't10k-labels-idx1-ubyte',
      'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
      'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
    ),
  },
};

export const FASHION_MNIST: IdxDatasetSpec = {
  op: 'loadFashionMnist',
  dir: 'fashion-mnist',
  // The copy Keras downloads from, then Zalando's own bucket. torchvision names the bucket's
  // website endpoint, which serves plain http only; its REST endpoint serves the same public
  // objects over HTTPS.
  mirrors: [
    'https://storage.googleapis.com/tensorflow/tf-keras-datasets/',
    'https://fashion-mnist.s3.eu-central-1.amazonaws.com/',
  ],
  files: {
    trainImages: file(
      'train-images-idx3-ubyte',
      '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84',
      'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
    ),
    trainLabels: file(
      'train-labels-idx1-ubyte',
      'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845',
      'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
    ),
    testImages: file(
      't10k-images-idx3-ubyte',
      '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073',
      '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
    ),
    testLabels: file(
      't10k-labels-idx1-ubyte',
      '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5',
      '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
    ),
  },
};
