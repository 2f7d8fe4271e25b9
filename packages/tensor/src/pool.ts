// A pool of data buffers that their last owner handed back, so the training hot path reuses
// memory instead of allocating it. Allocation is the single largest cost of a small op: a typed
// array over 64 bytes lives outside V8's heap, and `new Float32Array(80)` costs ~0.5 µs where
// the op's arithmetic costs ~20 ns; a large one costs a page fault per fresh 4 KiB page.
//
// Nothing enters the pool by itself. Code that knows a tensor is referenced nowhere else (the
// autograd engine with a consumed gradient, an op with its own temporary) calls `release`; the
// next op asking for that dtype and length gets the buffer back.
import type { DType, TypedArray } from './dtype.js';
import { Tensor } from './tensor.js';

/** Buffers up to V8's on-heap limit (64 bytes) cost less to allocate than to look up. */
const MIN_BYTES = 65;
/** The pool never holds more than this; a release beyond it is left to the garbage collector. */
const MAX_POOLED_BYTES = 64 * 1024 * 1024;
/** Per length: enough for every temporary of one training step of one shape. */
const MAX_PER_LENGTH = 32;

const free: { [D in DType]: Map<number, TypedArray[]> } = {
  float32: new Map(),
  float64: new Map(),
  int32: new Map(),
};
let pooledBytes = 0;
let hits = 0;
let misses = 0;

function fresh(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size);
    case 'float64':
      return new Float64Array(size);
    case 'int32':
      return new Int32Array(size);
  }
}

/**
 * A buffer of `size` elements whose contents are unspecified: for kernels that overwrite every
 * element. Taken from the pool when one of that length is there, else newly allocated.
 */
export function allocateUninitialized(dtype: DType, size: number): TypedArray {
  if (size * (dtype === 'float64' ? 8 : 4) < MIN_BYTES) return fresh(dtype, size);
  const list = free[dtype].get(size);
  if (list !== undefined && list.length > 0) {
    const buffer = list.pop()!;
    pooledBytes -= buffer.byteLength;
    hits++;
    return buffer;
  }
  misses++;
  return fresh(dtype, size);
}

/** A zero-filled buffer, from the pool (cleared) when one of that length is there. */
export function allocateZeroed(dtype: DType, size: number): TypedArray {
  if (size * (dtype === 'float64' ? 8 : 4) < MIN_BYTES) return fresh(dtype, size);
  const list = free[dtype].get(size);
  if (list === undefined || list.length === 0) {
    misses++;
    return fresh(dtype, size);
  }
  return allocateUninitialized(dtype, size).fill(0);
}

/**
 * Hands a tensor's data buffer (or a bare typed array) back for reuse by later ops. Only for
 * buffers nothing else references: the tensor and every view sharing its data must never be read
 * again, since the next op of that dtype and length will overwrite it. The autograd engine calls
 * this for gradients only it has seen; most code never needs to. Small buffers, views into a
 * larger buffer, and buffers already pooled are ignored.
 */
export function release(x: Tensor | TypedArray): void {
  const data = x instanceof Tensor ? x.data : x;
  const bytes = data.byteLength;
  if (bytes < MIN_BYTES || data.byteOffset !== 0 || bytes !== data.buffer.byteLength) return;
  if (pooledBytes + bytes > MAX_POOLED_BYTES) return;
  const dtype: DType =
    data instanceof Float32Array ? 'float32' : data instanceof Float64Array ? 'float64' : 'int32';
  const map = free[dtype];
  let list = map.get(data.length);
  if (list === undefined) {
    list = [];
    map.set(data.length, list);
  }
  // A second release of one buffer would hand it to two owners: ignore it.
  if (list.length >= MAX_PER_LENGTH || list.includes(data)) return;
  list.push(data);
  pooledBytes += bytes;
}

export interface BufferPoolStats {
  /** Bytes now waiting in the pool. */
  pooledBytes: number;
  /** Requests served from the pool, and those that allocated, since the process started. */
  hits: number;
  misses: number;
}

/** How the pool is doing: for benchmarks and memory reports. */
export function bufferPoolStats(): BufferPoolStats {
  return { pooledBytes, hits, misses };
}

/** Empties the pool (its buffers go to the garbage collector). */
export function clearBufferPool(): void {
  for (const map of Object.values(free)) map.clear();
  pooledBytes = 0;
}
