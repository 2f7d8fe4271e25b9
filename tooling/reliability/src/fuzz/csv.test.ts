import { describe } from 'vitest';
import { fuzzTest } from './fuzz-test.js';
import { csvInputs } from './inputs/csv.js';

describe('fuzzing the CSV loader (parseCsv, classesOf)', () => {
  fuzzTest({
    target: 'csv',
    title: 'Fuzzing: CSV loader',
    arbitrary: csvInputs,
    short: 1500,
    seed: 9_301,
    // Every feature takes at least two bytes ("0,") and four as a float32.
    bytesPerInputByte: 4,
    errors: ['CliError'],
  });
});
