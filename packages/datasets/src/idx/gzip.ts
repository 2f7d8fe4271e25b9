// Gzip around IDX files: header checks with exact offsets, and inflation through the web
// platform's DecompressionStream (browsers and Node ≥ 18 alike). The node entry swaps in
// node:zlib, which is faster; any inflater with the `Inflate` signature can be passed.
import { IdxError } from '../errors.js';
import { hex } from './format.js';

/**
 * Inflates a complete gzip stream, refusing to produce more than `maxBytes` bytes. Throws
 * anything on corrupt input; `parseIdx` turns that into an IdxError.
 */
export type Inflate = (gzip: Uint8Array, maxBytes: number) => Promise<Uint8Array> | Uint8Array;

/** The default cap on inflated size: 1 GiB, far above MNIST's 47 MB, far below a gzip bomb. */
export const DEFAULT_MAX_BYTES = 2 ** 30;

const HEADER = 10;
const TRAILER = 8;

/** Checks the fixed gzip header fields, so damage there is reported at its exact offset. */
export function checkGzipHeader(op: string, bytes: Uint8Array, name: string | undefined): void {
  const where = name ? ` of ${name}` : '';
  if (bytes.length < HEADER + TRAILER + 2) {
    throw new IdxError(
      op,
      bytes.length,
      'a complete gzip stream (at least 20 bytes)',
      'the end of input',
      where,
    );
  }
  if (bytes[2] !== 8) {
    throw new IdxError(op, 2, 'gzip compression method 0x08 (deflate)', hex(bytes[2]!), where);
  }
  if ((bytes[3]! & 0xe0) !== 0) {
    throw new IdxError(op, 3, 'gzip flags with the reserved bits 5-7 clear', hex(bytes[3]!), where);
  }
}

/** Wraps an inflater's failure as an IdxError at the start of the deflate data. */
export function inflateError(op: string, name: string | undefined, cause: unknown): IdxError {
  if (cause instanceof IdxError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const error = new IdxError(
    op,
    HEADER,
    'a valid deflate stream ending in a matching CRC-32 and length',
    `corrupt or truncated gzip data (${message})`,
    name ? ` of ${name}` : '',
  );
  (error as { cause?: unknown }).cause = cause;
  return error;
}

export function tooLarge(op: string, maxBytes: number): IdxError {
  return new IdxError(
    op,
    HEADER,
    `at most ${maxBytes} inflated bytes (raise maxBytes if the file is really this large)`,
    'more',
  );
}

// The slice of the web streams API used here, typed locally: the package compiles without the
// DOM library, and its declarations must not depend on @types/node.
interface ByteReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}
interface ByteWriter {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
interface Decompressor {
  readonly readable: { getReader(): ByteReader };
  readonly writable: { getWriter(): ByteWriter };
}
type DecompressorConstructor = new (format: 'gzip') => Decompressor;

/** Inflates with `DecompressionStream`, streaming, so the size cap holds while inflating. */
export const inflateWeb: Inflate = async (gzip, maxBytes) => {
  const Ctor = (globalThis as { DecompressionStream?: DecompressorConstructor })
    .DecompressionStream;
  if (Ctor === undefined) {
    throw new Error('DecompressionStream is not available here; pass an `inflate` function');
  }
  const stream = new Ctor('gzip');
  const writer = stream.writable.getWriter();
  // Errors surface through the reader; these promises only must not go unhandled.
  writer.write(gzip).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value === undefined) continue;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge('parseIdx', maxBytes);
    }
    chunks.push(value);
  }
  return concat(chunks, total);
};

export function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
