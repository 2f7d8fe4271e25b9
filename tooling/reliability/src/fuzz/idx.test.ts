import { describe } from 'vitest';
import { fuzzTest } from './fuzz-test.js';
import { idxGzipInputs, idxInputs } from './inputs/idx.js';

describe('fuzzing the IDX reader, uncompressed (decodeIdx)', () => {
  fuzzTest({
    target: 'idx-plain',
    title: 'Fuzzing: IDX reader (uncompressed)',
    arbitrary: idxInputs,
    short: 1500,
    seed: 9_101,
    // The elements are copied once, and widen at most to float64 from as many bytes.
    bytesPerInputByte: 2,
    errors: ['IdxError'],
  });
});

describe('fuzzing the IDX reader, gzipped (parseIdx with node:zlib)', () => {
  fuzzTest({
    target: 'idx-gzip',
    title: 'Fuzzing: IDX reader (gzipped)',
    arbitrary: idxGzipInputs,
    short: 1000,
    seed: 9_201,
    // Deflate expands at most 1032:1; the decoded copy doubles that.
    bytesPerInputByte: 2 * 1032,
    errors: ['IdxError'],
  });
});
