import { describe } from 'vitest';
import { fuzzTest } from './fuzz-test.js';
import { modelInputs } from './inputs/model.js';

describe('fuzzing model files and their metadata (decodeModelFile)', () => {
  fuzzTest({
    target: 'model',
    title: 'Fuzzing: model files and metadata',
    arbitrary: modelInputs,
    short: 1000,
    seed: 9_501,
    // The weights are copied out of the file, the model built, then the weights copied in.
    bytesPerInputByte: 4,
    errors: ['CliError'],
  });
});
