import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AppState, defaultState } from './app-state';
import {
  ACTIVATIONS,
  CLASSIFY_DATASETS,
  DIGIT_WIDTHS,
  FEATURES,
  L2_RATES,
  LEARNING_RATES,
  LOSSES,
  OPTIMIZERS,
  PERCEPTRON_DATASETS,
  PROBLEMS,
  RACERS,
  REGRESSION_DATASETS,
  SURFACES,
  VIEWS,
  WEIGHT_DECAYS,
} from './options';
import { normalizeState, parseState, serializeState } from './url-state';

const grid = (min: number, steps: number, step: number) =>
  fc.integer({ min: 0, max: steps }).map((k) => Number((min + k * step).toFixed(10)));

const subsetOf = <T extends string>(values: readonly T[], minLength: number) =>
  fc.subarray([...values], { minLength }).map((xs) => values.filter((v) => xs.includes(v)));

const appState: fc.Arbitrary<AppState> = fc
  .record({
    view: fc.constantFrom(...VIEWS),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    classify: fc.record({
      problem: fc.constantFrom(...PROBLEMS),
      dataset: fc.constantFrom(...CLASSIFY_DATASETS, ...REGRESSION_DATASETS),
      noise: grid(0, 10, 0.05),
      trainRatio: grid(0.1, 8, 0.1),
      features: subsetOf(FEATURES, 1),
      layers: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 6 }),
      activation: fc.constantFrom(...ACTIVATIONS),
      loss: fc.constantFrom(...LOSSES),
      optimizer: fc.constantFrom(...OPTIMIZERS),
      lr: fc.constantFrom(...LEARNING_RATES),
      batchSize: fc.integer({ min: 1, max: 30 }),
      l2: fc.constantFrom(...L2_RATES),
      dropout: grid(0, 5, 0.1),
      spaceLayer: fc.integer({ min: 1, max: 6 }),
      spaceUnits: fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })),
    }),
    perceptron: fc.record({
      dataset: fc.constantFrom(...PERCEPTRON_DATASETS),
      speed: fc.integer({ min: 1, max: 60 }),
    }),
    optimizers: fc.record({
      surface: fc.constantFrom(...SURFACES),
      condition: fc.integer({ min: 1, max: 100 }),
      lrLog: grid(-5, 24, 0.25),
      adaptiveLrLog: grid(-5, 24, 0.25),
      momentum: grid(0, 99, 0.01),
      start: fc.option(
        fc.tuple(
          fc.double({ min: -1e3, max: 1e3, noNaN: true }),
          fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        ),
      ),
      steps: fc.integer({ min: 10, max: 1000 }),
      racers: subsetOf(RACERS, 0),
    }),
    digits: fc.record({
      layers: fc.array(fc.constantFrom(...DIGIT_WIDTHS), { maxLength: 3 }),
      dropout: grid(0, 5, 0.1),
      weightDecay: fc.constantFrom(...WEIGHT_DECAYS),
      optimizer: fc.constantFrom(...OPTIMIZERS),
      lr: fc.constantFrom(...LEARNING_RATES),
      batchSize: fc.integer({ min: 16, max: 256 }),
      patience: fc.integer({ min: 1, max: 10 }),
      smoothing: grid(0, 9, 0.1),
      maxEpochs: fc.integer({ min: 1, max: 50 }),
    }),
  })
  .map((s) => normalizeState(s as AppState));

// -0 prints as "0" in a URL; the state means the same point either way.
const withoutNegativeZero = (s: AppState): AppState =>
  JSON.parse(JSON.stringify(s), (_k, v) => (Object.is(v, -0) ? 0 : v));

describe('state ↔ URL', () => {
  it('round-trips every valid state', () => {
    fc.assert(
      fc.property(appState, (state) => {
        expect(parseState(serializeState(state))).toEqual(withoutNegativeZero(state));
      }),
    );
  });

  it('writes nothing for the defaults', () => {
    expect(serializeState(defaultState())).toBe('');
    expect(parseState('')).toEqual(defaultState());
  });

  it('turns any query string into a state that serializes canonically', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('view', 'seed', 'c.layers', 'c.data', 'c.problem', 'o.start', 'c.units'),
          fc.string(),
        ),
        (dict) => {
          const state = parseState(new URLSearchParams(dict).toString());
          expect(parseState(serializeState(state))).toEqual(state);
        },
      ),
    );
  });

  it('keeps the data set within the problem type and the plotted units within the network', () => {
    const s = parseState('c.problem=regression&c.data=spiral&c.layers=3-1&c.space=2&c.units=4_5');
    expect(s.classify.dataset).toBe('plane');
    expect(s.classify.spaceLayer).toBe(2);
    expect(s.classify.spaceUnits).toEqual([0, 0]);
    expect(parseState('c.layers=none').classify.layers).toEqual([]);
  });

  it('ignores values out of range, off the grid or unknown', () => {
    const s = parseState('c.noise=0.07&c.lr=0.02&c.batch=0&view=nope&seed=-1&c.features=x1-x1');
    const d = defaultState();
    expect(s.classify.noise).toBe(d.classify.noise);
    expect(s.classify.lr).toBe(d.classify.lr);
    expect(s.classify.batchSize).toBe(d.classify.batchSize);
    expect(s.view).toBe(d.view);
    expect(s.seed).toBe(d.seed);
    expect(s.classify.features).toEqual(d.classify.features);
  });
});
