// @nabla/nn/node: saving and loading models on the file system. The only file of the package
// that touches node:fs, so the main entry point stays browser-safe.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { findNonFinite, NonFiniteWeightError } from './finite.js';
import type { LoadStateDictOptions, LoadStateDictResult, Module } from './module.js';
import { fromSafetensors } from './safetensors/read.js';
import { toSafetensors } from './safetensors/write.js';
import type { Metadata } from './state-dict.js';

/**
 * Writes `module.stateDict()` to `path` as safetensors (loadable by PyTorch). The bytes go to a
 * temporary file in the same directory, are flushed to disk (fsync), and the file is then
 * renamed over `path`: a crash or a full disk leaves either the old file or the new one, never
 * half a model. The directory is fsynced too where the platform allows, so the rename survives
 * a power cut.
 *
 * Weights holding NaN or ±Infinity (a diverged run) are refused with a `NonFiniteWeightError`
 * naming the first one, and nothing is written: an existing file at `path` stays as it was.
 */
export async function saveModel(path: string, module: Module, metadata?: Metadata): Promise<void> {
  const stateDict = module.stateDict();
  const bad = findNonFinite(stateDict);
  if (bad !== null) {
    throw new NonFiniteWeightError(
      'saveModel',
      bad,
      `a diverged model is not saved (${path} is left as it was)`,
    );
  }
  const bytes = toSafetensors(stateDict, metadata);
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let written = false;
  try {
    const file = await open(temp, 'wx');
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
    written = true;
  } finally {
    if (!written) await unlink(temp).catch(() => undefined);
  }
  await syncDirectory(dir);
}

export interface LoadModelResult extends LoadStateDictResult {
  /** The file's `__metadata__`. */
  metadata: Metadata;
}

/**
 * Reads a safetensors file (from `saveModel`, PyTorch or anyone else) into `module` with
 * `loadStateDict`: every byte is validated first (see `fromSafetensors`), and a file that does
 * not fit the module leaves it unchanged.
 */
export async function loadModel(
  path: string,
  module: Module,
  options: LoadStateDictOptions = {},
): Promise<LoadModelResult> {
  const bytes = await readFile(path);
  const { tensors, metadata } = fromSafetensors(
    new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  );
  return { ...module.loadStateDict(tensors, options), metadata };
}

/** Makes a rename durable; some platforms (Windows) cannot open a directory, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: the data itself was fsynced before the rename.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
