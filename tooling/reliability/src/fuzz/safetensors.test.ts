import { describe } from 'vitest';
import { fuzzTest } from './fuzz-test.js';
import { safetensorsInputs } from './inputs/safetensors.js';

describe('fuzzing the safetensors reader (fromSafetensors)', () => {
  fuzzTest({
    target: 'safetensors',
    title: 'Fuzzing: safetensors reader',
    arbitrary: safetensorsInputs,
    short: 1500,
    seed: 9_001,
    // The tensors' data is copied out of the file once.
    bytesPerInputByte: 2,
    errors: ['SafetensorsError'],
  });
});
