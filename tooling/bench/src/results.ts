// What every engine reports, in one JSON shape: the Node engines write it directly, the PyTorch
// script (engines/torch.py) writes the same fields.

/** A figure from repeated samples after warm-up: the median is the headline. */
export interface Measurement {
  median: number;
  /** The best sample (fastest): on a shared machine, the least disturbed. */
  best: number;
  samples: number[];
  unit: string;
}

export interface MnistResult {
  samplesPerSec: Measurement;
  msPerStep: Measurement;
  /** Resident set size at the end of the run, MiB. */
  rssMb: number;
}

export interface MemoryResult {
  epochs: number;
  /** Peak resident set size over the run, MiB. */
  peakRssMb: number;
  /** Live JS heap after a full GC, after the first and after the last epoch, MiB. */
  heapFirstMb: number;
  heapLastMb: number;
  /** RSS after the first and the last epoch, MiB. */
  rssFirstMb: number;
  rssLastMb: number;
  /** JS heap bytes allocated per training step, garbage included (V8's sampling profiler). */
  heapBytesPerStep: number;
  /** Typed-array buffers allocated per step (the rest come from the buffer pool). */
  buffersPerStep: number;
}

export interface EngineResult {
  /** Stable key, e.g. 'nabla-simd', 'tfjs-wasm', 'torch-1'. */
  engine: string;
  /** For tables: 'Nabla (WASM SIMD)', 'PyTorch 1.13 (OpenBLAS, 1 thread)'. */
  label: string;
  /** Versions, backend, BLAS, thread count: whatever identifies the configuration. */
  info: Record<string, string>;
  mnist?: MnistResult;
  tiny?: { stepsPerSec: Measurement };
  /** Keyed by `matmulKey(shape, layout)`. */
  matmul?: Record<string, Measurement>;
  perOp?: { usPerOp: Measurement };
  memory?: MemoryResult;
  /** Workloads this engine skipped, with why. */
  skipped?: Record<string, string>;
}

export interface BenchResult {
  date: string;
  quick: boolean;
  machine: Record<string, string>;
  engines: EngineResult[];
}
