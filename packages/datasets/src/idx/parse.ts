import { ArgumentError } from '@nabla/tensor';
import { positiveInteger } from '../options.js';
import { asBytes, decodeIdxAt } from './decode.js';
import { type IdxArray, isGzip } from './format.js';
import {
  checkGzipHeader,
  DEFAULT_MAX_BYTES,
  type Inflate,
  inflateError,
  inflateWeb,
} from './gzip.js';

export interface ParseIdxOptions {
  /** Name used in error messages, e.g. the file name. */
  name?: string;
  /** Most bytes gzip input may inflate to, default 2^30 (1 GiB): a guard against gzip bombs. */
  maxBytes?: number;
  /**
   * The gzip inflater; default `DecompressionStream` (browsers, Node ≥ 18). The node entry's
   * loaders pass node:zlib's.
   */
  inflate?: Inflate;
  /** Accept NaN and ±Infinity in float files (default false; see `decodeIdx`). */
  allowNonFinite?: boolean;
}

/**
 * Parses an IDX file, gzipped or not: gzip is recognised by its magic bytes (0x1f 0x8b) and
 * inflated first. Asynchronous because browsers inflate only asynchronously; `decodeIdx` is the
 * synchronous variant for bytes already inflated. Every defect raises an IdxError naming the
 * byte offset (in the inflated data, for an IDX defect inside gzip) and what was expected.
 */
export async function parseIdx(
  bytes: Uint8Array | ArrayBuffer,
  options: ParseIdxOptions = {},
): Promise<IdxArray> {
  const op = 'parseIdx';
  const input = asBytes(op, bytes);
  const { name } = options;
  const allowNonFinite = options.allowNonFinite ?? false;
  if (!isGzip(input)) return decodeIdxAt(op, input, name, '', false, allowNonFinite);
  const maxBytes = positiveInteger(op, 'maxBytes', options.maxBytes ?? DEFAULT_MAX_BYTES);
  const inflate = options.inflate ?? inflateWeb;
  if (typeof inflate !== 'function') throw new ArgumentError(op, 'inflate must be a function');
  checkGzipHeader(op, input, name);
  let inflated: Uint8Array;
  try {
    inflated = await inflate(input, maxBytes);
  } catch (cause) {
    throw inflateError(op, name, cause);
  }
  // The inflated bytes are ours alone: byte data is returned as a view of them, not copied.
  return decodeIdxAt(op, inflated, name, ' of the inflated data', true, allowNonFinite);
}
