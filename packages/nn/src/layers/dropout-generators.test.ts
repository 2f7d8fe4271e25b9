// A model's generators are what a checkpoint needs to redraw the same dropout masks: reachable
// from the model itself, whether the Dropout was given a generator or only a seed (as mlp does).
import { Generator, ones } from '@nabla/tensor';
import { runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mlp } from '../mlp.js';
import { Dropout } from './dropout.js';
import { Linear } from './linear.js';
import { Sequential } from './sequential.js';

const maskBytes = (model: Sequential) =>
  new Uint8Array(model.forward(ones([4, 3])).data.data.slice().buffer);

describe('Module.generators', () => {
  it('finds each Dropout generator once, in module order', () => {
    const shared = new Generator(7);
    const own = new Generator(8);
    const model = new Sequential(
      new Dropout(0.5, { generator: shared }),
      new Linear(3, 3),
      new Dropout(0.5, { generator: own }),
      new Dropout(0.5, { generator: shared }),
    );
    expect(model.generators()).toEqual([shared, own]);
    expect(model.generators()[0]).toBe(shared);
    expect(new Sequential(new Linear(3, 3)).generators()).toEqual([]);
    expect(mlp([3, 4, 4, 2]).generators()).toEqual([]);
    expect(mlp([3, 4, 4, 2], { dropout: 0.3 }).generators()).toHaveLength(2);
  });

  it("restoring the generators' states redraws the same masks (property)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 5 }), (seed, warmup) => {
        const model = mlp([3, 8, 8, 3], { dropout: 0.5, seed });
        for (let i = 0; i < warmup; i++) model.forward(ones([4, 3]));
        const saved = model.generators().map((g) => g.getState());
        const first = maskBytes(model);
        // A fresh model, as a resumed process would build it, put where the first one stood.
        const fresh = mlp([3, 8, 8, 3], { dropout: 0.5, seed });
        fresh.generators().forEach((g, i) => {
          g.setState(saved[i]!);
        });
        expect(maskBytes(fresh)).toEqual(first);
      }),
      { numRuns: runs(30) },
    );
  });
});
