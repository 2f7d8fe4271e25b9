// A model file's metadata is held to the weights it carries before anything is allocated.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toSafetensors } from '@nabla/nn';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { buildModel } from '../../src/model/build.js';
import { loadModelFile } from '../../src/model/file.js';
import { encodeModelInfo, type ModelInfo } from '../../src/model/spec.js';

const dir = mkdtempSync(join(tmpdir(), 'nabla-model-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function info(sizes: number[]): ModelInfo {
  return {
    architecture: { type: 'mlp', sizes, activation: 'relu', dropout: 0 },
    input: { kind: 'points', features: sizes[0]!, imageShape: null, featureNames: null },
    normalization: { mean: [0], std: [1] },
    data: { name: 'xor', classes: ['0', '1'], noise: 0, labelColumn: null },
    training: {},
  };
}

/** The weights of a 2 → 3 → 2 model under the metadata of `claimed`. */
function write(name: string, claimed: number[]): string {
  const { model } = buildModel(info([2, 3, 2]).architecture, 0);
  const path = join(dir, name);
  writeFileSync(path, toSafetensors(model.stateDict(), encodeModelInfo(info(claimed))));
  return path;
}

describe('loadModelFile', () => {
  it('loads weights that match their architecture', async () => {
    const loaded = await loadModelFile(write('ok.safetensors', [2, 3, 2]));
    expect(loaded.model.numParameters()).toBe(17);
  });

  it('refuses a huge declared architecture at once, naming both counts', async () => {
    const path = write('huge.safetensors', [2, 30000, 30000, 2]);
    const started = performance.now();
    const error = await loadModelFile(path).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(
      /huge\.safetensors: the architecture in its metadata \(2 → 30000 → 30000 → 2\) has 900\d+ parameters but the file holds 17 weights/,
    );
  });

  it('refuses sizes beyond what an array can hold without allocating', async () => {
    const error = await loadModelFile(write('vast.safetensors', [2, 100000, 100000, 2])).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(/vast\.safetensors: .* but the file holds 17 weights/);
  });
});
