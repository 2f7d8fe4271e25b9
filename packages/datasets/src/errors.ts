// The typed errors of @nabla/datasets. They extend @nabla/tensor's NablaError, so one
// `instanceof NablaError` tells every misuse of Nabla from a bug. Browser-safe: the node entry
// throws these too, and callers catch them from the main entry.
import { NablaError } from '@nabla/tensor';

/**
 * Bytes that are not a valid IDX file (or not valid gzip around one). `offset` is the byte
 * where reading failed, `expected` what should have been there.
 */
export class IdxError extends NablaError {
  readonly offset: number;
  readonly expected: string;

  /** `where` qualifies the offset, e.g. ' of the inflated data' for a gzipped file. */
  constructor(op: string, offset: number, expected: string, found: string, where = '') {
    super(op, `at byte offset ${offset}${where}: expected ${expected}, found ${found}`);
    this.offset = offset;
    this.expected = expected;
  }
}

/** A file whose SHA-256 is not the one it must have. The message names the file. */
export class ChecksumError extends NablaError {
  readonly file: string;
  readonly expected: string;
  readonly actual: string;

  constructor(op: string, file: string, expected: string, actual: string, hint = '') {
    super(
      op,
      `checksum mismatch for ${file}: SHA-256 is ${actual}, expected ${expected}${hint ? `; ${hint}` : ''}`,
    );
    this.file = file;
    this.expected = expected;
    this.actual = actual;
  }
}

/** One failed try to fetch a file from one URL. */
export interface DownloadAttempt {
  readonly url: string;
  readonly error: string;
}

/** Every mirror and retry failed for a file; `attempts` says what happened at each. */
export class DownloadError extends NablaError {
  readonly file: string;
  readonly attempts: readonly DownloadAttempt[];

  constructor(op: string, file: string, attempts: readonly DownloadAttempt[]) {
    const lines = attempts.map((a, i) => `  ${i + 1}. ${a.url}: ${a.error}`).join('\n');
    super(
      op,
      `could not download ${file} after ${attempts.length} attempt(s):\n${lines}\n` +
        'check the network or pass other `mirrors`',
    );
    this.file = file;
    this.attempts = attempts;
  }
}

/** A file that is neither in `root` nor allowed to be downloaded. */
export class MissingFileError extends NablaError {
  readonly file: string;

  constructor(op: string, file: string, root: string) {
    super(
      op,
      `${file} is not in ${root} (gzipped or not); pass download: true to fetch it, or root: a directory that holds it`,
    );
    this.file = file;
  }
}

/** Where a NaN or ±Infinity sits in a data set. */
export interface NonFinitePosition {
  /** Which tensor: 'x' (inputs) or 'y' (targets). */
  readonly what: string;
  /** The sample (row along axis 0), counting from 0. */
  readonly sample: number;
  /** The element within the sample, row-major, counting from 0 (the column of a table). */
  readonly feature: number;
  /** The full index, one entry per axis. */
  readonly index: readonly number[];
  readonly value: number;
  /** The tensor's shape, as `[n,d]`, for the message. */
  readonly shape: string;
}

/**
 * Data holding NaN or ±Infinity where training needs finite numbers (a `DataLoader`'s inputs
 * and float targets). Found when the data is handed over, before any training step, and named
 * by sample and feature.
 */
export class NonFiniteDataError extends NablaError {
  readonly what: string;
  readonly sample: number;
  readonly feature: number;
  readonly index: readonly number[];
  readonly value: number;

  constructor(op: string, at: NonFinitePosition) {
    super(
      op,
      `${at.what} ${at.shape} holds ${at.value} at sample ${at.sample}, feature ${at.feature} (index [${at.index.join(',')}]); training needs finite numbers: drop or impute that value first`,
    );
    this.what = at.what;
    this.sample = at.sample;
    this.feature = at.feature;
    this.index = at.index;
    this.value = at.value;
  }
}
