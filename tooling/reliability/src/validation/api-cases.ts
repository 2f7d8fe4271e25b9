// Malformed calls of the libraries' public functions, one row each: the call, the typed error it
// must throw (every one a NablaError) and what its message must name. Values a TypeScript caller
// could not pass are passed through `unknown`, as JavaScript callers and parsed JSON can.
import * as autograd from '@nabla/autograd';
import * as datasets from '@nabla/datasets';
import { loadMnist } from '@nabla/datasets/node';
import * as losses from '@nabla/losses';
import * as nn from '@nabla/nn';
import * as optim from '@nabla/optim';
import * as T from '@nabla/tensor';
import * as train from '@nabla/train';

type ErrorClass = abstract new (...args: never[]) => Error;

export interface ApiCase {
  readonly name: string;
  readonly call: () => unknown;
  readonly error: ErrorClass;
  readonly message: RegExp;
}

/** A value of the wrong type, smuggled past the compiler as plain JavaScript would. */
const bad = <T>(value: unknown): T => value as T;

const { ArgumentError, DTypeError, ShapeError } = T;
const params = () => [autograd.variable(T.zeros([3, 2]), { requiresGrad: true })];
const sgd = () => new optim.SGD(params(), { lr: 0.1 });
const model = () => nn.mlp([2, 4, 2], { seed: 0 });
const toy = () => datasets.xor({ n: 40, seed: 0 });
const loader = () => new datasets.DataLoader(toy(), { batchSize: 8 });
const fitWith = (options: Record<string, unknown>) =>
  train.fit(
    model(),
    bad({ loss: losses.crossEntropy, optimizer: sgd(), train: loader(), epochs: 1, ...options }),
  );

const tensorRows: ApiCase[] = [
  {
    name: 'tensor: ragged nested arrays',
    call: () => T.tensor(bad([[1, 2], [3]])),
    error: ShapeError,
    message: /ragged|length|shape/i,
  },
  {
    name: 'tensor: an unknown dtype',
    call: () => T.tensor([1, 2], { dtype: bad('float16') }),
    error: DTypeError,
    message: /float16/,
  },
  {
    name: 'tensor: a string among numbers',
    call: () => T.tensor(bad([1, 'a'])),
    error: ArgumentError,
    message: /tensor/,
  },
  {
    name: 'zeros: a negative dimension',
    call: () => T.zeros([2, -1]),
    error: ShapeError,
    message: /shape \[2,-1\] has an invalid dimension -1/,
  },
  {
    name: 'zeros: a fractional dimension',
    call: () => T.zeros([2.5]),
    error: ShapeError,
    message: /invalid dimension 2\.5/,
  },
  {
    name: 'zeros: NaN as a dimension',
    call: () => T.zeros([Number.NaN]),
    error: ShapeError,
    message: /invalid dimension NaN/,
  },
  {
    name: 'zeros: more elements than an array holds',
    call: () => T.zeros([100000, 100000]),
    error: ShapeError,
    message: /\[100000,100000\] has 10000000000 elements/,
  },
  {
    name: 'full: a shape that is not a list',
    call: () => T.full(bad('3'), 1),
    error: ArgumentError,
    message: /full/,
  },
  {
    name: 'arange: a zero step',
    call: () => T.arange(0, 10, 0),
    error: ArgumentError,
    message: /step/,
  },
  {
    name: 'arange: an infinite end',
    call: () => T.arange(0, Number.POSITIVE_INFINITY),
    error: ArgumentError,
    message: /arange/,
  },
  {
    name: 'linspace: a negative count',
    call: () => T.linspace(0, 1, -3),
    error: ArgumentError,
    message: /-3/,
  },
  { name: 'eye: a fractional size', call: () => T.eye(2.5), error: ShapeError, message: /2\.5/ },
  {
    name: 'reshape: a size that does not fit',
    call: () => T.reshape(T.zeros([2, 3]), [4, 2]),
    error: ShapeError,
    message: /\[2,3\].*\[4,2\]|\[4,2\].*\[2,3\]/,
  },
  {
    name: 'reshape: two inferred dimensions',
    call: () => T.reshape(T.zeros([2, 3]), [-1, -1]),
    error: ShapeError,
    message: /-1/,
  },
  {
    name: 'add: shapes that do not broadcast',
    call: () => T.add(T.zeros([2, 3]), T.zeros([4, 3])),
    error: ShapeError,
    message: /\[2,3\].*\[4,3\]/,
  },
  {
    name: 'matmul: inner sizes that differ',
    call: () => T.matmul(T.zeros([2, 3]), T.zeros([4, 5])),
    error: ShapeError,
    message: /\[2,3\].*\[4,5\]/,
  },
  {
    name: 'matmul: a scalar operand',
    call: () => T.matmul(T.tensor(1), T.zeros([2, 2])),
    error: ShapeError,
    message: /matmul/,
  },
  {
    name: 'sum: an axis out of range',
    call: () => T.sum(T.zeros([2, 3]), { axis: 2 }),
    error: ShapeError,
    message: /axis 2/,
  },
  {
    name: 'sum: a fractional axis',
    call: () => T.sum(T.zeros([2, 3]), { axis: 0.5 }),
    error: ShapeError,
    message: /axis 0\.5/,
  },
  {
    name: 'softmax: an axis out of range',
    call: () => T.softmax(T.zeros([2, 3]), { axis: -3 }),
    error: ShapeError,
    message: /-3/,
  },
  {
    name: 'softmax: a string axis',
    call: () => T.softmax(T.zeros([2, 3]), { axis: bad('last') }),
    error: T.NablaError,
    message: /last/,
  },
  {
    name: 'concat: ranks that differ',
    call: () => T.concat([T.zeros([2, 3]), T.zeros([3])]),
    error: ShapeError,
    message: /concat/,
  },
  {
    name: 'concat: nothing to join',
    call: () => T.concat([]),
    error: ArgumentError,
    message: /concat/,
  },
  {
    name: 'permute: not a permutation',
    call: () => T.permute(T.zeros([2, 3]), [0, 0]),
    error: ShapeError,
    message: /\[0,0\]|permutation/,
  },
  {
    name: 'slice: a zero step',
    call: () => T.slice(T.zeros([2, 3]), { axis: 1, step: 0 }),
    error: ArgumentError,
    message: /step/,
  },
  {
    name: 'gather: an index out of range',
    call: () => T.gather(T.zeros([2, 3]), T.tensor([[5]], { dtype: 'int32' }), { axis: 1 }),
    error: ArgumentError,
    message: /5/,
  },
  {
    name: 'oneHot: a label past the class count',
    call: () => T.oneHot(T.tensor([0, 3], { dtype: 'int32' }), 3),
    error: ArgumentError,
    message: /class 3 at position 1 is outside 0\.\.2/,
  },
  {
    name: 'randn: a negative seed',
    call: () => T.randn([2], { seed: -1 }),
    error: ArgumentError,
    message: /seed/,
  },
  {
    name: 'randn: a fractional seed',
    call: () => T.randn([2], { seed: 1.5 }),
    error: ArgumentError,
    message: /seed/,
  },
  {
    name: 'bernoulli: p above 1',
    call: () => T.bernoulli(T.tensor([1.5, 0.5]), { seed: 0 }),
    error: ArgumentError,
    message: /probability 1\.5 at position 0 is outside \[0, 1\]/,
  },
  {
    name: 'Generator: a NaN seed',
    call: () => new T.Generator(Number.NaN),
    error: ArgumentError,
    message: /NaN/,
  },
  {
    name: 'astype: an unknown dtype',
    call: () => T.astype(T.zeros([2]), bad('bool')),
    error: DTypeError,
    message: /bool/,
  },
];

const autogradRows: ApiCase[] = [
  {
    name: 'autograd add: shapes that do not broadcast',
    call: () =>
      autograd.add(autograd.variable(T.zeros([2, 3])), autograd.variable(T.zeros([3, 2]))),
    error: ShapeError,
    message: /\[2,3\].*\[3,2\]/,
  },
  {
    name: 'autograd matmul: inner sizes that differ',
    call: () =>
      autograd.matmul(autograd.variable(T.zeros([2, 3])), autograd.variable(T.zeros([2, 3]))),
    error: ShapeError,
    message: /\[2,3\]/,
  },
  {
    name: 'backward: a non-scalar output without a gradient',
    call: () => autograd.mul(autograd.variable(T.ones([3]), { requiresGrad: true }), 2).backward(),
    error: ShapeError,
    message: /has shape \[3\]; a gradient can be implied only for a one-element output/,
  },
  {
    name: 'backward: a gradient of the wrong shape',
    call: () =>
      autograd.mul(autograd.variable(T.ones([3]), { requiresGrad: true }), 2).backward(T.ones([4])),
    error: ShapeError,
    message: /\[4\].*\[3\]|\[3\].*\[4\]/,
  },
  {
    name: 'variable: requiresGrad on integers',
    call: () => autograd.variable(T.zeros([2], { dtype: 'int32' }), { requiresGrad: true }),
    error: DTypeError,
    message: /int32/,
  },
  {
    name: 'gradcheck: eps of 0',
    call: () =>
      autograd.gradcheck((x) => autograd.sum(x), [T.ones([2], { dtype: 'float64' })], { eps: 0 }),
    error: ArgumentError,
    message: /eps/,
  },
];

const nnRows: ApiCase[] = [
  {
    name: 'Linear: a negative input count',
    call: () => new nn.Linear(-1, 3),
    error: ArgumentError,
    message: /-1/,
  },
  {
    name: 'Linear: a fractional size',
    call: () => new nn.Linear(2.5, 3),
    error: ArgumentError,
    message: /2\.5/,
  },
  {
    name: 'Linear: a negative size',
    call: () => new nn.Linear(2, -3),
    error: ArgumentError,
    message: /-3/,
  },
  {
    name: 'Linear: NaN as size',
    call: () => new nn.Linear(Number.NaN, 3),
    error: ArgumentError,
    message: /NaN/,
  },
  {
    name: 'Linear: seed and generator both',
    call: () => new nn.Linear(2, 3, { seed: 1, generator: new T.Generator(1) }),
    error: ArgumentError,
    message: /either seed or generator/,
  },
  {
    name: 'Linear forward: the wrong number of features',
    call: () => new nn.Linear(3, 2, { seed: 0 }).forward(T.zeros([4, 5])),
    error: ShapeError,
    message: /\[4,5\]|5/,
  },
  {
    name: 'Dropout: p of 1.5',
    call: () => new nn.Dropout(1.5),
    error: ArgumentError,
    message: /1\.5/,
  },
  {
    name: 'Dropout: a negative p',
    call: () => new nn.Dropout(-0.1),
    error: ArgumentError,
    message: /-0\.1/,
  },
  {
    name: 'Dropout: NaN as p',
    call: () => new nn.Dropout(Number.NaN),
    error: ArgumentError,
    message: /NaN/,
  },
  {
    name: 'mlp: a single size',
    call: () => nn.mlp([3]),
    error: ArgumentError,
    message: /at least two layer sizes/,
  },
  {
    name: 'mlp: a zero hidden size',
    call: () => nn.mlp([3, 0, 2]),
    error: ArgumentError,
    message: /0/,
  },
  {
    name: 'mlp: dropout 1',
    call: () => nn.mlp([3, 4, 2], { dropout: 1 }),
    error: ArgumentError,
    message: /dropout must be a probability in \[0, 1\), got 1/,
  },
  {
    name: 'mlp: an unknown activation',
    call: () => nn.mlp([3, 4, 2], { activation: bad('swish') }),
    error: ArgumentError,
    message: /swish/,
  },
  {
    name: 'LeakyReLU: a NaN slope',
    call: () => new nn.LeakyReLU({ negativeSlope: Number.NaN }),
    error: ArgumentError,
    message: /NaN/,
  },
  {
    name: 'Softmax: a fractional axis',
    call: () => new nn.Softmax({ axis: 0.5 }),
    error: ArgumentError,
    message: /axis must be an integer, got 0\.5/,
  },
  {
    name: 'Flatten: a fractional start axis',
    call: () => new nn.Flatten({ startAxis: 1.5 }),
    error: ArgumentError,
    message: /1\.5/,
  },
  {
    name: 'Perceptron: zero inputs',
    call: () => new nn.Perceptron(0),
    error: ArgumentError,
    message: /Perceptron/,
  },
  {
    name: 'loadStateDict: a weight of the wrong shape',
    call: () => model().loadStateDict({ ...model().stateDict(), '0.weight': T.zeros([5, 2]) }),
    error: nn.StateDictError,
    message: /0\.weight.*\[4,2\].*\[5,2\]/,
  },
  {
    name: 'loadStateDict: a missing key',
    call: () => {
      const { '0.bias': _, ...rest } = model().stateDict();
      return model().loadStateDict(rest);
    },
    error: nn.StateDictError,
    message: /0\.bias/,
  },
  {
    name: 'loadStateDict: an unexpected key',
    call: () => model().loadStateDict({ ...model().stateDict(), extra: T.zeros([1]) }),
    error: nn.StateDictError,
    message: /extra/,
  },
  {
    name: 'fromSafetensors: eight bytes of nothing',
    call: () => nn.fromSafetensors(new Uint8Array(8)),
    error: nn.SafetensorsError,
    message: /header/,
  },
  {
    name: 'fromSafetensors: a header longer than the file',
    call: () => nn.fromSafetensors(new Uint8Array([255, 0, 0, 0, 0, 0, 0, 0, 123])),
    error: nn.SafetensorsError,
    message: /255|header/,
  },
  {
    name: 'fromSafetensors: not bytes',
    call: () => nn.fromSafetensors(bad('abc')),
    error: T.NablaError,
    message: /fromSafetensors|Uint8Array/,
  },
];

const target = (values: number[]) => T.tensor(values, { dtype: 'int32' });
const lossRows: ApiCase[] = [
  {
    name: 'mseLoss: shapes that differ',
    call: () => losses.mseLoss(T.zeros([4, 2]), T.zeros([4, 3])),
    error: ShapeError,
    message: /target shape \[4,3\] differs from input shape \[4,2\]/,
  },
  {
    name: 'l1Loss: shapes that differ',
    call: () => losses.l1Loss(T.zeros([4]), T.zeros([5])),
    error: ShapeError,
    message: /target shape \[5\] differs from input shape \[4\]/,
  },
  {
    name: 'huberLoss: a negative delta',
    call: () => losses.huberLoss(T.zeros([4]), T.zeros([4]), { delta: -1 }),
    error: ArgumentError,
    message: /delta/,
  },
  {
    name: 'mseLoss: an unknown reduction',
    call: () => losses.mseLoss(T.zeros([4]), T.zeros([4]), { reduction: bad('avg') }),
    error: ArgumentError,
    message: /avg/,
  },
  {
    name: 'crossEntropy: fewer targets than rows',
    call: () => losses.crossEntropy(T.zeros([4, 3]), target([0, 1])),
    error: ShapeError,
    message: /\[4,3\].*\[2\]|\[2\].*\[4,3\]/,
  },
  {
    name: 'crossEntropy: a class past the last',
    call: () => losses.crossEntropy(T.zeros([2, 3]), target([0, 7])),
    error: ArgumentError,
    message: /target class 7 at sample 1 is outside 0\.\.2/,
  },
  {
    name: 'crossEntropy: a negative class',
    call: () => losses.crossEntropy(T.zeros([2, 3]), target([0, -2])),
    error: ArgumentError,
    message: /target class -2 at sample 1/,
  },
  {
    name: 'crossEntropy: float targets of the wrong shape',
    call: () => losses.crossEntropy(T.zeros([2, 3]), T.zeros([2, 4])),
    error: ShapeError,
    message: /\[2,4\]/,
  },
  {
    name: 'crossEntropy: label smoothing 2',
    call: () => losses.crossEntropy(T.zeros([2, 3]), target([0, 1]), { labelSmoothing: 2 }),
    error: ArgumentError,
    message: /labelSmoothing/,
  },
  {
    name: 'nllLoss: a class past the last',
    call: () => losses.nllLoss(T.zeros([2, 3]), target([0, 3])),
    error: ArgumentError,
    message: /target class 3 at sample 1/,
  },
  {
    name: 'binaryCrossEntropy: a target of 2',
    call: () => losses.binaryCrossEntropy(T.full([2], 0.5), T.tensor([0, 2])),
    error: ArgumentError,
    message: /target values must lie in \[0, 1\]; element 1 is 2/,
  },
  {
    name: 'binaryCrossEntropy: a probability above 1',
    call: () => losses.binaryCrossEntropy(T.tensor([0.5, 1.5]), T.tensor([0, 1])),
    error: ArgumentError,
    message: /input values must lie in \[0, 1\]; element 1 is 1\.5/,
  },
  {
    name: 'binaryCrossEntropyWithLogits: shapes that differ',
    call: () => losses.binaryCrossEntropyWithLogits(T.zeros([3]), T.zeros([4])),
    error: ShapeError,
    message: /target shape \[4\] differs from input shape \[3\]/,
  },
  {
    name: 'l2Penalty: a tensor instead of a Variable',
    call: () => losses.l2Penalty(bad([T.zeros([2])])),
    error: ArgumentError,
    message: /parameter 0 is not a Variable/,
  },
];

const optimRows: ApiCase[] = [
  {
    name: 'SGD: a negative learning rate',
    call: () => new optim.SGD(params(), { lr: -1 }),
    error: ArgumentError,
    message: /lr .*-1/,
  },
  {
    name: 'SGD: NaN as learning rate',
    call: () => new optim.SGD(params(), { lr: Number.NaN }),
    error: ArgumentError,
    message: /lr .*NaN/,
  },
  {
    name: 'SGD: an infinite learning rate',
    call: () => new optim.SGD(params(), { lr: Number.POSITIVE_INFINITY }),
    error: ArgumentError,
    message: /lr .*Infinity/,
  },
  {
    name: 'SGD: a negative momentum',
    call: () => new optim.SGD(params(), { lr: 0.1, momentum: -0.5 }),
    error: ArgumentError,
    message: /momentum/,
  },
  {
    name: 'SGD: nesterov without momentum',
    call: () => new optim.SGD(params(), { lr: 0.1, nesterov: true }),
    error: ArgumentError,
    message: /nesterov/,
  },
  {
    name: 'SGD: no parameters',
    call: () => new optim.SGD([], { lr: 0.1 }),
    error: ArgumentError,
    message: /empty parameter list/,
  },
  {
    name: 'SGD: a tensor instead of a Variable',
    call: () => new optim.SGD(bad([T.zeros([2])]), { lr: 0.1 }),
    error: ArgumentError,
    message: /params\[0\] must be a Variable/,
  },
  {
    name: 'SGD: an unknown option',
    call: () => new optim.SGD(params(), bad({ lr: 0.1, learningRate: 1 })),
    error: ArgumentError,
    message: /learningRate/,
  },
  {
    name: 'Adam: beta1 of 1.5',
    call: () => new optim.Adam(params(), { betas: [1.5, 0.999] }),
    error: ArgumentError,
    message: /1\.5/,
  },
  {
    name: 'Adam: a single beta',
    call: () => new optim.Adam(params(), { betas: bad([0.9]) }),
    error: ArgumentError,
    message: /betas must be a pair/,
  },
  {
    name: 'Adam: a negative eps',
    call: () => new optim.Adam(params(), { eps: -1e-8 }),
    error: ArgumentError,
    message: /eps/,
  },
  {
    name: 'AdamW: a negative weight decay',
    call: () => new optim.AdamW(params(), { weightDecay: -0.01 }),
    error: ArgumentError,
    message: /weightDecay/,
  },
  {
    name: 'RMSprop: alpha of 2',
    call: () => new optim.RMSprop(params(), { alpha: 2 }),
    error: ArgumentError,
    message: /alpha/,
  },
  {
    name: 'Adagrad: a negative lr decay',
    call: () => new optim.Adagrad(params(), { lrDecay: -1 }),
    error: ArgumentError,
    message: /lrDecay/,
  },
  {
    name: 'StepLR: step size 0',
    call: () => new optim.StepLR(sgd(), { stepSize: 0 }),
    error: ArgumentError,
    message: /stepSize/,
  },
  {
    name: 'ExponentialLR: a negative gamma',
    call: () => new optim.ExponentialLR(sgd(), { gamma: -1 }),
    error: ArgumentError,
    message: /gamma/,
  },
  {
    name: 'CosineAnnealingLR: tMax 0',
    call: () => new optim.CosineAnnealingLR(sgd(), { tMax: 0 }),
    error: ArgumentError,
    message: /tMax/,
  },
  {
    name: 'LinearLR: start factor 0',
    call: () => new optim.LinearLR(sgd(), { startFactor: 0 }),
    error: ArgumentError,
    message: /startFactor/,
  },
  {
    name: 'ReduceLROnPlateau: factor 1.5',
    call: () => new optim.ReduceLROnPlateau(sgd(), { factor: 1.5 }),
    error: ArgumentError,
    message: /factor/,
  },
  {
    name: 'StepLR: no optimizer',
    call: () => new optim.StepLR(bad(null), { stepSize: 1 }),
    error: ArgumentError,
    message: /needs an optimizer/,
  },
  {
    name: 'clipGradNorm: a negative norm',
    call: () => optim.clipGradNorm(params(), -1),
    error: ArgumentError,
    message: /-1/,
  },
  {
    name: 'loadStateDict: state for another optimizer',
    call: () => sgd().loadStateDict(bad({ nonsense: true })),
    error: ArgumentError,
    message: /stateDict/,
  },
];

const datasetRows: ApiCase[] = [
  {
    name: 'DataLoader: batch size 0',
    call: () => new datasets.DataLoader(toy(), { batchSize: 0 }),
    error: ArgumentError,
    message: /batchSize/,
  },
  {
    name: 'DataLoader: a fractional batch size',
    call: () => new datasets.DataLoader(toy(), { batchSize: 1.5 }),
    error: ArgumentError,
    message: /batchSize/,
  },
  {
    name: 'DataLoader: shuffle without a seed',
    call: () => new datasets.DataLoader(toy(), { batchSize: 8, shuffle: true }),
    error: ArgumentError,
    message: /shuffle needs a seed/,
  },
  {
    name: 'DataLoader: no options',
    call: () => new datasets.DataLoader(toy(), bad(undefined)),
    error: ArgumentError,
    message: /needs options/,
  },
  {
    name: 'DataLoader: x and y of different lengths',
    call: () => new datasets.DataLoader({ x: T.zeros([4, 2]), y: T.zeros([3]) }, { batchSize: 2 }),
    error: ShapeError,
    message: /4.*3|3.*4/,
  },
  {
    name: 'circles: a negative count',
    call: () => datasets.circles({ n: -5 }),
    error: ArgumentError,
    message: /n/,
  },
  {
    name: 'circles: NaN noise',
    call: () => datasets.circles({ noise: Number.NaN }),
    error: ArgumentError,
    message: /noise/,
  },
  {
    name: 'spiral: a fractional count',
    call: () => datasets.spiral({ n: 1.5 }),
    error: ArgumentError,
    message: /1\.5/,
  },
  {
    name: 'xor: a negative seed',
    call: () => datasets.xor({ seed: -1 }),
    error: ArgumentError,
    message: /seed/,
  },
  {
    name: 'moons: no seed',
    call: () => datasets.moons({ n: 10 }),
    error: ArgumentError,
    message: /needs \{ seed \} or \{ generator \}/,
  },
  {
    name: 'trainValSplit: a fraction of 1.5',
    call: () => datasets.trainValSplit(toy(), { valFraction: 1.5, seed: 0 }),
    error: ArgumentError,
    message: /valFraction/,
  },
  {
    name: 'decodeIdx: a wrong magic number',
    call: () => datasets.decodeIdx(new Uint8Array([1, 2, 8, 1, 0, 0, 0, 0])),
    error: datasets.IdxError,
    message: /magic|byte 0/,
  },
  {
    name: 'decodeIdx: fewer bytes than the dimensions promise',
    call: () => datasets.decodeIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 9, 1])),
    error: datasets.IdxError,
    message: /9/,
  },
  {
    name: 'featureMap: an unknown feature',
    call: () => datasets.featureMap(T.zeros([4, 2]), bad({ features: ['x3'] })),
    error: ArgumentError,
    message: /x3/,
  },
  {
    name: 'standardize: statistics of the wrong length',
    call: () =>
      datasets.standardize(T.zeros([4, 2]), { stats: { mean: [0, 0, 0], std: [1, 1, 1] } }),
    error: ArgumentError,
    message: /mean/,
  },
  {
    name: 'loadMnist: no mirrors',
    call: () => loadMnist({ root: '/nonexistent', download: true, mirrors: [] }),
    error: ArgumentError,
    message: /mirrors must be a non-empty array/,
  },
  {
    name: 'loadMnist: a negative retry count',
    call: () => loadMnist({ root: '/nonexistent', retries: -1 }),
    error: ArgumentError,
    message: /retries/,
  },
  {
    name: 'loadMnist: a zero timeout',
    call: () => loadMnist({ root: '/nonexistent', timeoutMs: 0 }),
    error: ArgumentError,
    message: /timeoutMs/,
  },
  {
    name: 'loadMnist: an empty root',
    call: () => loadMnist({ root: '' }),
    error: ArgumentError,
    message: /root/,
  },
  {
    name: 'loadMnist: files absent without download',
    call: () => loadMnist({ root: '/nonexistent-nabla-dir' }),
    error: datasets.MissingFileError,
    message: /train-images-idx3-ubyte\.gz.*nonexistent-nabla-dir/,
  },
];

const trainRows: ApiCase[] = [
  {
    name: 'fit: not a model',
    call: () => train.fit(bad({}), bad({})),
    error: ArgumentError,
    message: /must be a Module/,
  },
  {
    name: 'fit: no options',
    call: () => train.fit(model(), bad(undefined)),
    error: ArgumentError,
    message: /needs options/,
  },
  {
    name: 'fit: an unknown option',
    call: () => fitWith({ epoch: 3 }),
    error: ArgumentError,
    message: /unknown option epoch/,
  },
  {
    name: 'fit: negative epochs',
    call: () => fitWith({ epochs: -1 }),
    error: ArgumentError,
    message: /epochs must be a non-negative integer, got -1/,
  },
  {
    name: 'fit: fractional epochs',
    call: () => fitWith({ epochs: 1.5 }),
    error: ArgumentError,
    message: /epochs .*1\.5/,
  },
  {
    name: 'fit: NaN epochs',
    call: () => fitWith({ epochs: Number.NaN }),
    error: ArgumentError,
    message: /epochs .*NaN/,
  },
  {
    name: 'fit: metrics that are not a list',
    call: () => fitWith({ metrics: 'accuracy' }),
    error: ArgumentError,
    message: /metrics must be an array/,
  },
  {
    name: 'fit: a metric that is not a metric',
    call: () => fitWith({ metrics: [42] }),
    error: ArgumentError,
    message: /metrics\[0\] is not a metric/,
  },
  {
    name: 'fit: callbacks that are not a list',
    call: () => fitWith({ callbacks: {} }),
    error: ArgumentError,
    message: /callbacks must be an array/,
  },
  {
    name: 'fit: a zero gradient-clipping norm',
    call: () => fitWith({ clipGradNorm: 0 }),
    error: ArgumentError,
    message: /clipGradNorm must be a number > 0/,
  },
  {
    name: 'fit: a signal that is not an AbortSignal',
    call: () => fitWith({ signal: {} }),
    error: ArgumentError,
    message: /signal must be an AbortSignal/,
  },
  {
    name: 'fit: training data that is not batches',
    call: () => fitWith({ train: 42 }),
    error: ArgumentError,
    message: /train/,
  },
  {
    name: 'fit: a loss that is not a function',
    call: () => fitWith({ loss: 'mse' }),
    error: ArgumentError,
    message: /loss/,
  },
  {
    name: 'fit: data of the wrong width for the model',
    call: () =>
      fitWith({
        train: new datasets.DataLoader(
          { x: T.zeros([8, 3]), y: T.zeros([8], { dtype: 'int32' }) },
          { batchSize: 4 },
        ),
      }),
    error: ShapeError,
    message: /\[4,3\]|3/,
  },
  {
    name: 'evaluate: data that is not data',
    call: () => train.evaluate(model(), bad(7), { loss: losses.crossEntropy }),
    error: ArgumentError,
    message: /data must be a DataLoader/,
  },
  {
    name: 'EarlyStopping: negative patience',
    call: () => new train.EarlyStopping({ patience: -1 }),
    error: ArgumentError,
    message: /patience/,
  },
  {
    name: 'EarlyStopping: smoothing of 1',
    call: () => new train.EarlyStopping({ smoothing: 1 }),
    error: ArgumentError,
    message: /smoothing/,
  },
  {
    name: 'EarlyStopping: an unknown mode',
    call: () => new train.EarlyStopping({ mode: bad('lowest') }),
    error: ArgumentError,
    message: /mode must be 'min', 'max' or 'auto', got lowest/,
  },
  {
    name: 'confusionMatrix: zero classes',
    call: () => train.confusionMatrix({ numClasses: 0 }),
    error: ArgumentError,
    message: /numClasses/,
  },
  {
    name: 'topKAccuracy: k of 0',
    call: () => train.topKAccuracy({ k: 0 }),
    error: ArgumentError,
    message: /k/,
  },
  {
    name: 'decodeCheckpoint: bytes that are not a checkpoint',
    call: () => train.decodeCheckpoint(nn.toSafetensors({}, { note: 'x' })),
    error: T.NablaError,
    message: /checkpoint/,
  },
];

/** The rows by the library whose public functions they call. */
export const API_CASES_BY_LIBRARY: Readonly<Record<string, readonly ApiCase[]>> = {
  '@nabla/tensor': tensorRows,
  '@nabla/autograd': autogradRows,
  '@nabla/nn': nnRows,
  '@nabla/losses': lossRows,
  '@nabla/optim': optimRows,
  '@nabla/datasets': datasetRows,
  '@nabla/train': trainRows,
};

export const API_CASES: readonly ApiCase[] = Object.values(API_CASES_BY_LIBRARY).flat();
