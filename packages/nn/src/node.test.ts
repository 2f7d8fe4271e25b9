import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SafetensorsError, StateDictError } from './errors.js';
import { NonFiniteWeightError } from './finite.js';
import { mlp } from './mlp.js';
import { loadModel, saveModel } from './node.js';
import { fromSafetensors } from './safetensors/read.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nabla-nn-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('saveModel / loadModel', () => {
  it('round-trips a model with metadata and leaves no temporary file', async () => {
    const path = join(dir, 'model.safetensors');
    const a = mlp([3, 4, 2], { seed: 1 });
    await saveModel(path, a, { epoch: '7' });
    expect(readdirSync(dir)).toEqual(['model.safetensors']);
    const b = mlp([3, 4, 2], { seed: 2 });
    const result = await loadModel(path, b);
    expect({ ...result.metadata }).toEqual({ epoch: '7' });
    expect(result.missingKeys).toEqual([]);
    expect(b.stateDict()).toEqual(a.stateDict());
    // Overwriting replaces the file whole.
    await saveModel(path, b);
    expect(fromSafetensors(new Uint8Array(readFileSync(path))).metadata).toEqual(
      Object.create(null),
    );
  });

  it('leaves the old file in place when writing fails, and cleans up', async () => {
    const path = join(dir, 'model.safetensors');
    await saveModel(path, mlp([2, 2], { seed: 1 }));
    const before = readFileSync(path);
    await expect(saveModel(path, mlp([2, 2]), { bad: 1 as unknown as string })).rejects.toThrow(
      /strings only/,
    );
    await expect(
      saveModel(join(dir, 'missing-dir', 'm.safetensors'), mlp([2, 2])),
    ).rejects.toThrow();
    expect(readFileSync(path)).toEqual(before);
    expect(readdirSync(dir)).toEqual(['model.safetensors']);
  });

  it('refuses corrupt files and files for another model without changing the module', async () => {
    const model = mlp([3, 4, 2], { seed: 1 });
    const before = model.stateDict();
    const corrupt = join(dir, 'corrupt.safetensors');
    writeFileSync(corrupt, new Uint8Array([1, 2, 3]));
    await expect(loadModel(corrupt, model)).rejects.toBeInstanceOf(SafetensorsError);
    const other = join(dir, 'other.safetensors');
    await saveModel(other, mlp([3, 5, 2]));
    await expect(loadModel(other, model)).rejects.toBeInstanceOf(StateDictError);
    expect(model.stateDict()).toEqual(before);
  });
});

describe('saveModel refuses non-finite weights', () => {
  it('names the parameter and the index, and leaves the previous file as it was', async () => {
    const path = join(dir, 'model.safetensors');
    const model = mlp([3, 4, 2], { seed: 1 });
    await saveModel(path, model);
    const before = readFileSync(path);
    // Element 6 of the [4,3] first weight is row 2, column 0.
    model.parameters()[0]!.data.data[6] = Number.POSITIVE_INFINITY;
    const refused = saveModel(path, model);
    await expect(refused).rejects.toBeInstanceOf(NonFiniteWeightError);
    await expect(refused).rejects.toThrow(
      /saveModel: "0\.weight" holds Infinity at index \[2,0\]; a diverged model is not saved/,
    );
    expect(readFileSync(path)).toEqual(before);
    expect(readdirSync(dir)).toEqual(['model.safetensors']);
  });
});
