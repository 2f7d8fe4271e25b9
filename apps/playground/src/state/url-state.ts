// State ↔ URL query string. Only values that differ from the defaults are written, so links stay
// short; every key is prefixed by its view (c. classify, p. perceptron, o. optimizers, d. digits).
import {
  type AppState,
  type ClassifyState,
  type DigitsState,
  defaultState,
  type OptimizersState,
  type PerceptronState,
} from './app-state';
import {
  type Codec,
  choice,
  integer,
  list,
  nullable,
  number,
  numberChoice,
  pair,
  subset,
} from './codecs';
import {
  ACTIVATIONS,
  CLASSIFY_DATASETS,
  DIGIT_WIDTHS,
  FEATURES,
  L2_RATES,
  LEARNING_RATES,
  LOSSES,
  MAX_DIGIT_LAYERS,
  MAX_HIDDEN_LAYERS,
  MAX_UNITS,
  OPTIMIZERS,
  PERCEPTRON_DATASETS,
  PROBLEMS,
  RACERS,
  REGRESSION_DATASETS,
  SURFACES,
  VIEWS,
  WEIGHT_DECAYS,
} from './options';

type Fields<S> = { [K in keyof S]: [key: string, codec: Codec<S[K]>] };

const CLASSIFY: Fields<ClassifyState> = {
  problem: ['c.problem', choice(PROBLEMS)],
  dataset: ['c.data', choice([...CLASSIFY_DATASETS, ...REGRESSION_DATASETS])],
  noise: ['c.noise', number(0, 0.5, 0.05)],
  trainRatio: ['c.train', number(0.1, 0.9, 0.1)],
  features: ['c.features', subset(FEATURES, 1)],
  layers: ['c.layers', list(integer(1, MAX_UNITS), 0, MAX_HIDDEN_LAYERS)],
  activation: ['c.act', choice(ACTIVATIONS)],
  loss: ['c.loss', choice(LOSSES)],
  optimizer: ['c.opt', choice(OPTIMIZERS)],
  lr: ['c.lr', numberChoice(LEARNING_RATES)],
  batchSize: ['c.batch', integer(1, 30)],
  l2: ['c.l2', numberChoice(L2_RATES)],
  dropout: ['c.dropout', number(0, 0.5, 0.1)],
  spaceLayer: ['c.space', integer(1, MAX_HIDDEN_LAYERS)],
  spaceUnits: ['c.units', pair(integer(0, MAX_UNITS - 1))],
};

const PERCEPTRON: Fields<PerceptronState> = {
  dataset: ['p.data', choice(PERCEPTRON_DATASETS)],
  speed: ['p.speed', integer(1, 60)],
};

const OPTIMIZERS_FIELDS: Fields<OptimizersState> = {
  surface: ['o.surface', choice(SURFACES)],
  condition: ['o.kappa', integer(1, 100)],
  lrLog: ['o.lr', number(-5, 1, 0.25)],
  adaptiveLrLog: ['o.alr', number(-5, 1, 0.25)],
  momentum: ['o.mu', number(0, 0.99, 0.01)],
  start: ['o.start', nullable(pair(number(-1e3, 1e3)))],
  steps: ['o.steps', integer(10, 1000)],
  racers: ['o.racers', subset(RACERS, 0)],
};

const DIGITS: Fields<DigitsState> = {
  layers: ['d.layers', list(numberChoice(DIGIT_WIDTHS), 0, MAX_DIGIT_LAYERS)],
  dropout: ['d.dropout', number(0, 0.5, 0.1)],
  weightDecay: ['d.wd', numberChoice(WEIGHT_DECAYS)],
  optimizer: ['d.opt', choice(OPTIMIZERS)],
  lr: ['d.lr', numberChoice(LEARNING_RATES)],
  batchSize: ['d.batch', integer(16, 256)],
  patience: ['d.patience', integer(1, 10)],
  smoothing: ['d.ema', number(0, 0.9, 0.1)],
  maxEpochs: ['d.epochs', integer(1, 50)],
};

const TOP: Fields<Pick<AppState, 'view' | 'seed'>> = {
  view: ['view', choice(VIEWS)],
  seed: ['seed', integer(0, 2 ** 31 - 1)],
};

function write<S extends object>(
  params: URLSearchParams,
  fields: Fields<S>,
  value: S,
  defaults: S,
): void {
  for (const name of Object.keys(fields) as (keyof S)[]) {
    const [key, codec] = fields[name];
    const text = codec.encode(value[name]);
    if (text !== codec.encode(defaults[name])) params.set(key, text);
  }
}

function read<S extends object>(params: URLSearchParams, fields: Fields<S>, defaults: S): S {
  const out = { ...defaults };
  for (const name of Object.keys(fields) as (keyof S)[]) {
    const [key, codec] = fields[name];
    const text = params.get(key);
    if (text === null) continue;
    const value = codec.decode(text);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The query string (without `?`) that `parseState` turns back into `state`. */
export function serializeState(state: AppState): string {
  const d = defaultState();
  const params = new URLSearchParams();
  write(params, TOP, state, d);
  write(params, CLASSIFY, state.classify, d.classify);
  write(params, PERCEPTRON, state.perceptron, d.perceptron);
  write(params, OPTIMIZERS_FIELDS, state.optimizers, d.optimizers);
  write(params, DIGITS, state.digits, d.digits);
  return params.toString();
}

/** Any query string to a valid state: unknown keys are ignored, bad values take defaults. */
export function parseState(query: string): AppState {
  const d = defaultState();
  const params = new URLSearchParams(query);
  const top = read(params, TOP, d);
  return normalizeState({
    ...top,
    classify: read(params, CLASSIFY, d.classify),
    perceptron: read(params, PERCEPTRON, d.perceptron),
    optimizers: read(params, OPTIMIZERS_FIELDS, d.optimizers),
    digits: read(params, DIGITS, d.digits),
  });
}

/**
 * Makes fields that depend on each other agree: the data set belongs to the problem type, and
 * the transformed-space plot points at a hidden layer and two units that exist.
 */
export function normalizeState(state: AppState): AppState {
  const c = { ...state.classify };
  const sets: readonly string[] =
    c.problem === 'regression' ? REGRESSION_DATASETS : CLASSIFY_DATASETS;
  if (!sets.includes(c.dataset)) c.dataset = c.problem === 'regression' ? 'plane' : 'circles';
  const layers = c.layers.length;
  c.spaceLayer = layers === 0 ? 1 : Math.min(Math.max(c.spaceLayer, 1), layers);
  const units = c.layers[c.spaceLayer - 1] ?? 1;
  const [a, b] = c.spaceUnits;
  const first = Math.min(a, units - 1);
  let second = Math.min(b, units - 1);
  if (second === first && units > 1) second = first === 0 ? 1 : 0;
  c.spaceUnits = [first, second];
  return { ...state, classify: c };
}
