// The workloads, defined once for every engine (the PyTorch script receives them as JSON).

export type Layout = 'A·B' | 'Aᵀ·B' | 'A·Bᵀ';

export const LAYOUTS: readonly Layout[] = ['A·B', 'Aᵀ·B', 'A·Bᵀ'];

export type MatmulShape = readonly [m: number, k: number, n: number];

export function matmulKey(shape: MatmulShape, layout: Layout): string {
  return `(${shape.join(',')}) ${layout}`;
}

export interface Workloads {
  /** Samples per measured figure (the median is reported) and warm-up samples before them. */
  samples: number;
  warmup: number;
  mnist: { hidden: readonly number[]; batch: number; lr: number; stepsPerSample: number };
  tiny: { sizes: readonly number[]; batch: number; lr: number; stepsPerSample: number };
  matmul: { shapes: readonly MatmulShape[] };
  perOp: { length: number; opsPerSample: number };
  memory: { epochs: number };
}

/** The full run (a few minutes with the peers), or `quick` for a fast pass. */
export function workloads(quick: boolean): Workloads {
  return {
    samples: 5,
    warmup: 1,
    // 784-256-128-10, ReLU, softmax cross-entropy, Adam 1e-3, batch 128, float32.
    mnist: { hidden: [256, 128], batch: 128, lr: 1e-3, stepsPerSample: quick ? 8 : 20 },
    // 2-8-8-1 tanh, sigmoid + binary cross-entropy from logits, SGD 0.03, batch 10.
    tiny: { sizes: [2, 8, 8, 1], batch: 10, lr: 0.03, stepsPerSample: quick ? 500 : 2000 },
    matmul: {
      shapes: quick
        ? [
            [128, 784, 256],
            [256, 256, 256],
          ]
        : [
            [128, 784, 256],
            [256, 256, 256],
            [1024, 1024, 1024],
          ],
    },
    perOp: { length: 8, opsPerSample: quick ? 20_000 : 100_000 },
    memory: { epochs: quick ? 3 : 20 },
  };
}
