// Checkpoint files of interrupted runs: @nabla/train's checkpoint (a safetensors file whose
// metadata holds the run's state) with the CLI's run configuration added to the metadata, so
// `nabla train --resume FILE` knows the data, model and optimizer without being told again.
// Written atomically (temporary file, fsync, rename): an interrupted write leaves the old file.
import { writeFileAtomic } from '@nabla/datasets/node';
import { fromSafetensors, SafetensorsError, toSafetensors } from '@nabla/nn';
import { NablaError } from '@nabla/tensor';
import { decodeCheckpoint, encodeCheckpoint, type TrainingCheckpoint } from '@nabla/train';
import { CliError } from '../errors.js';
import { readInput } from '../model/file.js';
import { OPTIMIZERS, type Outputs, type RunConfig } from './config.js';

const RUN_KEY = 'nabla.cli.run';

export interface StoredRun {
  readonly config: RunConfig;
  readonly outputs: Outputs;
}

export async function saveRunCheckpoint(
  path: string,
  checkpoint: TrainingCheckpoint,
  run: StoredRun,
): Promise<void> {
  const { tensors, metadata } = fromSafetensors(encodeCheckpoint(checkpoint));
  await writeFileAtomic(
    path,
    toSafetensors(tensors, { ...metadata, [RUN_KEY]: JSON.stringify(run) }),
  );
}

export async function loadRunCheckpoint(
  path: string,
): Promise<{ checkpoint: TrainingCheckpoint; run: StoredRun }> {
  const bytes = await readInput(path, 'checkpoint');
  let metadata: Record<string, string>;
  try {
    metadata = fromSafetensors(bytes).metadata;
  } catch (error) {
    if (error instanceof SafetensorsError) {
      throw new CliError(`${path}: not a valid checkpoint file (${error.message})`);
    }
    throw error;
  }
  const text = metadata[RUN_KEY];
  if (text === undefined) {
    throw new CliError(
      metadata['nabla.format'] !== undefined
        ? `${path}: is a trained model, not a checkpoint; --resume takes the checkpoint an interrupted run wrote`
        : `${path}: not a checkpoint written by nabla train (its metadata has no "${RUN_KEY}")`,
    );
  }
  let run: StoredRun;
  try {
    run = JSON.parse(text) as StoredRun;
  } catch {
    throw new CliError(`${path}: the checkpoint's run configuration is not valid JSON`);
  }
  if (!isStoredRun(run))
    throw new CliError(`${path}: the checkpoint's run configuration is damaged`);
  let checkpoint: TrainingCheckpoint;
  try {
    checkpoint = decodeCheckpoint(bytes);
  } catch (error) {
    if (error instanceof NablaError) throw new CliError(`${path}: ${error.message}`);
    if (error instanceof SyntaxError)
      throw new CliError(`${path}: the checkpoint state is damaged`);
    throw error;
  }
  checkHiddenLayers(run.config.layers, checkpoint, path);
  return { checkpoint, run };
}

/**
 * The model is built from the stored layer sizes before the stored weights are loaded into it;
 * the hidden layers alone must fit in the weights the file holds, so a damaged or hostile size
 * fails here instead of allocating what it claims.
 */
function checkHiddenLayers(
  layers: readonly number[],
  checkpoint: TrainingCheckpoint,
  path: string,
): void {
  let declared = 0;
  layers.forEach((n, i) => {
    declared += n * (1 + (layers[i + 1] ?? 0));
  });
  let held = 0;
  for (const t of Object.values(checkpoint.model)) held += t.size;
  if (declared > held) {
    throw new CliError(
      `${path}: the checkpoint's layers (${layers.join(', ')}) need more weights than the file holds (${held})`,
    );
  }
}

function isStoredRun(v: unknown): v is StoredRun {
  const r = v as Partial<StoredRun> | null;
  if (r === null || typeof r !== 'object' || r.config === null || typeof r.config !== 'object') {
    return false;
  }
  const c: Record<string, unknown> = { ...r.config };
  const numbers = [
    'noise',
    'dropout',
    'lr',
    'batchSize',
    'epochs',
    'patience',
    'smoothing',
    'minDelta',
    'valSplit',
    'seed',
  ];
  return (
    typeof c.data === 'string' &&
    typeof c.activation === 'string' &&
    (OPTIMIZERS as readonly unknown[]).includes(c.optimizer) &&
    Array.isArray(c.layers) &&
    c.layers.every((n) => Number.isSafeInteger(n) && n > 0) &&
    numbers.every((k) => typeof c[k] === 'number') &&
    r.outputs !== null &&
    typeof r.outputs === 'object' &&
    typeof r.outputs.out === 'string'
  );
}
