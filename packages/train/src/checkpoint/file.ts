// Checkpoint files. Node only: exported from @nabla/train/node.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@nabla/datasets/node';
import type { TrainingCheckpoint } from './checkpoint.js';
import { decodeCheckpoint, encodeCheckpoint } from './encode.js';

/**
 * Writes a training checkpoint to `path` (a safetensors file, see `encodeCheckpoint`)
 * atomically: a temporary file is written, fsynced and renamed over `path`, so `path` holds the
 * old checkpoint or the new one, never a torn one. Missing directories are created.
 */
export async function saveCheckpoint(path: string, checkpoint: TrainingCheckpoint): Promise<void> {
  await writeFileAtomic(path, encodeCheckpoint(checkpoint));
}

/** Reads a checkpoint written by `saveCheckpoint`, for `fit(model, { ..., resume })`. */
export async function loadCheckpoint(path: string): Promise<TrainingCheckpoint> {
  const bytes = await readFile(path);
  return decodeCheckpoint(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
