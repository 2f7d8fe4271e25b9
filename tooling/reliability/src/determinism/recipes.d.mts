export interface RunSize {
  readonly mnistSamples: number;
  readonly mnistEpochs: number;
  readonly mnistHidden: readonly number[];
  readonly spiralEpochs: number;
}

export interface RunDigest {
  /** SHA-256 of the final weights' bytes. */
  readonly weights: string;
  /** SHA-256 of the History's numbers (float64 bytes) and stop record. */
  readonly history: string;
  readonly weightBytes: number;
  readonly historyBytes: number;
  readonly finalLoss: number;
}

export const SIZES: { readonly short: RunSize; readonly long: RunSize };
export function mnistDigest(size: RunSize, seed: number): Promise<RunDigest>;
export function spiralDigest(size: RunSize, seed: number): Promise<RunDigest>;
