import { describe } from 'vitest';
import { fuzzTest } from './fuzz-test.js';
import { pngInputs } from './inputs/png.js';

describe('fuzzing PNG input to predict (decodePng, preprocessDigit)', () => {
  fuzzTest({
    target: 'png',
    title: 'Fuzzing: PNG input to predict',
    arbitrary: pngInputs,
    short: 1000,
    seed: 9_401,
    // Deflate expands at most 1032:1, one byte can hold 8 one-bit pixels, and each pixel is
    // held as RGBA bytes plus three float32 planes (grey, ink, crop): 16 bytes.
    bytesPerInputByte: 1032 * 8 * 16,
    errors: ['CliError'],
    // Images up to the 16.7-megapixel cap are decoded in full, a second or two each.
    hangMs: 30_000,
  });
});
