// Model files: safetensors (PyTorch can load the weights) with the model's description in the
// metadata, written atomically by @nabla/nn/node (temporary file, fsync, rename).
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  findNonFinite,
  fromSafetensors,
  type Module,
  SafetensorsError,
  StateDictError,
} from '@nabla/nn';
import { saveModel } from '@nabla/nn/node';
import { CliError } from '../errors.js';
import { makeDirectories } from '../output/location.js';
import { type BuiltModel, buildModel } from './build.js';
import { decodeModelInfo, encodeModelInfo, type ModelInfo } from './spec.js';

export async function saveModelFile(path: string, model: Module, info: ModelInfo): Promise<void> {
  await makeDirectories(dirname(path));
  await saveModel(path, model, encodeModelInfo(info));
}

export interface LoadedModel extends BuiltModel {
  readonly info: ModelInfo;
}

/** Reads, checks and rebuilds a model file, in evaluation mode. */
export async function loadModelFile(path: string): Promise<LoadedModel> {
  return decodeModelFile(await readInput(path, 'model file'), path);
}

/** Checks and rebuilds a model from a model file's bytes (`path` names it in messages). */
export function decodeModelFile(bytes: Uint8Array, path: string): LoadedModel {
  let contents: ReturnType<typeof fromSafetensors>;
  try {
    contents = fromSafetensors(bytes);
  } catch (error) {
    if (error instanceof SafetensorsError) {
      throw new CliError(`${path}: not a valid model file (${error.message})`);
    }
    throw error;
  }
  const info = decodeModelInfo(contents.metadata, path);
  checkParameterCount(info.architecture.sizes, contents.tensors, path);
  checkFinite(contents.tensors, path);
  const built = buildModel(info.architecture, 0);
  try {
    built.model.loadStateDict(contents.tensors);
  } catch (error) {
    if (error instanceof StateDictError) {
      throw new CliError(
        `${path}: the weights do not fit the architecture in its metadata (${error.message})`,
      );
    }
    throw error;
  }
  built.model.eval();
  return { ...built, info };
}

/**
 * Building a model allocates what its metadata declares, so the declared size is held to the
 * weights the file really has first: a 1 kB file claiming 2 → 30000 → 30000 → 2 made `predict`
 * allocate 7 GB and spend two minutes before it could say the weights do not fit.
 */
function checkParameterCount(
  sizes: readonly number[],
  tensors: Readonly<Record<string, { readonly size: number }>>,
  path: string,
): void {
  let declared = 0;
  for (let i = 1; i < sizes.length; i++) declared += (sizes[i - 1]! + 1) * sizes[i]!;
  let held = 0;
  for (const t of Object.values(tensors)) held += t.size;
  if (declared !== held) {
    throw new CliError(
      `${path}: the architecture in its metadata (${sizes.join(' → ')}) has ${declared} parameters but the file holds ${held} weights`,
    );
  }
}

/**
 * Nabla never saves NaN or Infinity, but a file from elsewhere may hold them; such a model would
 * answer NaN for every input, so it is refused where the bad weight can still be named.
 */
function checkFinite(tensors: Parameters<typeof findNonFinite>[0], path: string): void {
  const bad = findNonFinite(tensors);
  if (bad !== null) {
    throw new CliError(
      `${path}: weight ${bad.key}[${bad.index.join(', ')}] is ${bad.value}; a model holding NaN or Infinity cannot predict`,
    );
  }
}

/** A file's bytes, with a one-line error naming the file and what is wrong with it. */
export async function readInput(path: string, what: string): Promise<Uint8Array> {
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a directory'
            : error instanceof Error
              ? error.message
              : String(error);
    throw new CliError(`cannot read ${what} ${path}: ${reason}`);
  }
}
