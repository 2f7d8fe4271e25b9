import { mul, sum, Variable } from '@nabla/autograd';
import { type DType, type Tensor, tensor, zeros } from '@nabla/tensor';
import { expectAllClose, runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StateDictError } from './errors.js';
import { ReLU, Tanh } from './layers/activations.js';
import { Dropout } from './layers/dropout.js';
import { Linear } from './layers/linear.js';
import { Sequential } from './layers/sequential.js';
import { mlp } from './mlp.js';
import { type Input, Module } from './module.js';
import type { StateDict } from './state-dict.js';

class Net extends Module {
  fc1 = new Linear(4, 8, { seed: 1 });
  act = new Tanh();
  fc2 = new Linear(8, 2, { seed: 2 });
  scale = 3;

  forward(x: Input): Variable {
    return this.fc2.forward(this.act.forward(this.fc1.forward(x)));
  }
}

/** A module whose properties are assigned in a given order, for the discovery property. */
class Bag extends Module {
  forward(x: Input): Variable {
    return x instanceof Variable ? x : new Variable(x);
  }
}

describe('parameter discovery', () => {
  it('finds parameters by walking own properties in definition order, with dotted names', () => {
    const net = new Net();
    expect(net.namedParameters().map(([n]) => n)).toEqual([
      'fc1.weight',
      'fc1.bias',
      'fc2.weight',
      'fc2.bias',
    ]);
    expect(net.parameters()).toEqual([net.fc1.weight, net.fc1.bias, net.fc2.weight, net.fc2.bias]);
    expect(net.namedChildren().map(([n]) => n)).toEqual(['fc1', 'act', 'fc2']);
    expect(net.numParameters()).toBe(4 * 8 + 8 + 8 * 2 + 2);
  });

  it('discovers parameters in definition order for random module trees (property)', () => {
    type Spec =
      | { kind: 'param'; size: number }
      | { kind: 'module'; fields: [string, Spec][] }
      | { kind: 'list'; items: Spec[] }
      | { kind: 'other' };
    const name = fc.stringMatching(/^[a-z][a-zA-Z]{0,5}$/);
    const { tree } = fc.letrec<{ tree: Spec; fields: [string, Spec][] }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.record({ kind: fc.constant('param' as const), size: fc.integer({ min: 0, max: 3 }) }),
        fc.record({ kind: fc.constant('other' as const) }),
        fc.record({
          kind: fc.constant('module' as const),
          fields: tie('fields') as fc.Arbitrary<[string, Spec][]>,
        }),
        fc.record({
          kind: fc.constant('list' as const),
          items: fc.array(tie('tree') as fc.Arbitrary<Spec>, { maxLength: 3 }),
        }),
      ),
      fields: fc.uniqueArray(fc.tuple(name, tie('tree') as fc.Arbitrary<Spec>), {
        maxLength: 4,
        selector: ([n]) => n,
      }),
    }));
    const build = (spec: Spec): unknown => {
      if (spec.kind === 'param') return new Variable(zeros([spec.size]), true);
      if (spec.kind === 'other') return { note: 'not a parameter' };
      if (spec.kind === 'list') return spec.items.map(build);
      const m = new Bag() as unknown as Record<string, unknown>;
      for (const [k, s] of spec.fields) m[k] = build(s);
      return m;
    };
    /** The expected names: depth first, properties in assignment order, arrays numbered. */
    const expected = (spec: Spec, prefix: string, out: string[]): void => {
      if (spec.kind === 'param') out.push(prefix.slice(0, -1));
      else if (spec.kind === 'module')
        for (const [k, s] of spec.fields) expected(s, `${prefix}${k}.`, out);
      else if (spec.kind === 'list') {
        spec.items.forEach((s, i) => {
          // Arrays hold parameters and modules; nested arrays are not walked.
          if (s.kind === 'param' || s.kind === 'module') expected(s, `${prefix}${i}.`, out);
        });
      }
    };
    fc.assert(
      fc.property(
        tree.filter((s) => s.kind === 'module'),
        (spec) => {
          const root = build(spec) as Module;
          const names: string[] = [];
          expected(spec, '', names);
          expect(root.namedParameters().map(([n]) => n)).toEqual(names);
          expect(Object.keys(root.stateDict())).toEqual(names);
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('reports a shared parameter once in parameters() and under every name in stateDict()', () => {
    const shared = new Linear(3, 3);
    const model = new Sequential(shared, new ReLU(), shared);
    expect(model.parameters()).toHaveLength(2);
    expect(Object.keys(model.stateDict())).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(model.numParameters()).toBe(12);
    expect(model.children()).toHaveLength(2);
    // The shared layer runs twice in forward.
    const x = tensor([[1, 2, 3]]);
    const once = shared.forward(x);
    const expected = shared.forward(new ReLU().forward(once));
    expect(model.forward(x).toArray()).toEqual(expected.toArray());
  });

  it('does not follow reference cycles', () => {
    class Parent extends Module {
      child = new Bag() as Bag & { back?: Module };
      w = new Variable(zeros([2]), true);
      forward(x: Input): Variable {
        return this.child.forward(x);
      }
    }
    const p = new Parent();
    p.child.back = p;
    expect(p.namedParameters().map(([n]) => n)).toEqual(['w']);
    expect(Object.keys(p.stateDict())).toEqual(['w']);
    expect(p.modules()).toHaveLength(2);
  });
});

describe('train / eval', () => {
  it('sets the training flag recursively', () => {
    const model = new Sequential(new Linear(2, 2), new Sequential(new Dropout(0.5), new ReLU()));
    expect(model.modules().every((m) => m.training)).toBe(true);
    expect(model.eval()).toBe(model);
    expect(model.modules().every((m) => !m.training)).toBe(true);
    model.train();
    expect(model.modules().every((m) => m.training)).toBe(true);
    model.train(false);
    expect(model.modules().some((m) => m.training)).toBe(false);
  });
});

describe('stateDict / loadStateDict', () => {
  it('round-trips between models and snapshots the values', () => {
    const a = mlp([3, 5, 2], { seed: 1 });
    const b = mlp([3, 5, 2], { seed: 2 });
    const sd = a.stateDict();
    expect(Object.getPrototypeOf(sd)).toBe(null);
    b.loadStateDict(sd);
    for (const [k, t] of Object.entries(b.stateDict()))
      expect(t.toArray()).toEqual(sd[k]!.toArray());
    // A snapshot: changing the model afterwards does not change it.
    a.parameters()[0]!.data.data[0] = 123;
    expect(sd['0.weight']!.data[0]).not.toBe(123);
    // Loading copies into the existing parameters (optimizers keep their references).
    const w = b.parameters()[0]!;
    b.loadStateDict(a.stateDict());
    expect(b.parameters()[0]).toBe(w);
    expect(w.data.data[0]).toBe(123);
  });

  it('accepts a Map', () => {
    const a = new Linear(2, 2, { seed: 3 });
    const b = new Linear(2, 2, { seed: 4 });
    b.loadStateDict(new Map(Object.entries(a.stateDict())));
    expect(b.weight.toArray()).toEqual(a.weight.toArray());
  });

  type Mutation =
    | { kind: 'drop'; index: number }
    | { kind: 'add'; name: string }
    | { kind: 'reshape'; index: number; extra: number }
    | { kind: 'retype'; index: number; dtype: DType }
    | { kind: 'junk'; index: number };

  const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), index: fc.nat() }),
    fc.record({
      kind: fc.constant('add' as const),
      name: fc.string({ minLength: 1, maxLength: 6 }),
    }),
    fc.record({
      kind: fc.constant('reshape' as const),
      index: fc.nat(),
      extra: fc.integer({ min: 1, max: 3 }),
    }),
    fc.record({
      kind: fc.constant('retype' as const),
      index: fc.nat(),
      dtype: fc.constantFrom<DType>('float64', 'int32'),
    }),
    fc.record({ kind: fc.constant('junk' as const), index: fc.nat() }),
  );

  it('rejects every kind of mismatch, lists it, and changes nothing (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }),
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        (sizes, mutations) => {
          const model = mlp(sizes, { seed: 5 });
          const before = model.stateDict();
          const keys = Object.keys(before);
          const sd: StateDict = { ...mlp(sizes, { seed: 6 }).stateDict() };
          const expected: { kind: string; key: string }[] = [];
          for (const m of mutations) {
            const key = keys[('index' in m ? m.index : 0) % keys.length]!;
            if (!(key in sd) && m.kind !== 'add') continue;
            if (m.kind === 'drop') {
              delete sd[key];
              expected.push({ kind: 'missing', key });
            } else if (m.kind === 'add') {
              if (keys.includes(m.name) || m.name in sd) continue;
              sd[m.name] = tensor([1]);
              expected.push({ kind: 'unexpected', key: m.name });
            } else if (m.kind === 'reshape') {
              sd[key] = zeros([...before[key]!.shape, m.extra]);
              expected.push({ kind: 'shape', key });
            } else if (m.kind === 'retype') {
              sd[key] = zeros(before[key]!.shape, { dtype: m.dtype });
              expected.push({ kind: 'dtype', key });
            } else {
              sd[key] = [1, 2] as unknown as Tensor;
              expected.push({ kind: 'not-a-tensor', key });
            }
          }
          // Only the last change to a key counts.
          const last = new Map(expected.map((e) => [e.key, e.kind]));
          let error: unknown;
          try {
            model.loadStateDict(sd);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(StateDictError);
          const problems = (error as StateDictError).problems.map((p) => [p.key, p.kind]);
          expect(new Map(problems as [string, string][])).toEqual(last);
          for (const [key, kind] of last) {
            expect((error as StateDictError).message).toContain(JSON.stringify(key));
            if (kind === 'missing') expect((error as StateDictError).missingKeys).toContain(key);
          }
          // Nothing was loaded.
          for (const [k, t] of Object.entries(model.stateDict())) {
            expect(Array.from(t.data)).toEqual(Array.from(before[k]!.data));
          }
        },
      ),
      { numRuns: runs(150) },
    );
  });

  it('with strict: false reports missing and unexpected keys but still refuses bad shapes', () => {
    const model = new Linear(2, 2, { seed: 1 });
    const other = new Linear(2, 2, { seed: 2 });
    const result = model.loadStateDict(
      { weight: other.weight.data, extra: tensor([1]) },
      { strict: false },
    );
    expect(result).toEqual({ missingKeys: ['bias'], unexpectedKeys: ['extra'] });
    expect(model.weight.toArray()).toEqual(other.weight.toArray());
    expect(() => model.loadStateDict({ weight: zeros([3, 2]) }, { strict: false })).toThrow(
      /shape mismatch for "weight": module has \[2,2\] float32, state dict has \[3,2\] float32/,
    );
  });

  it('explains dtype mismatches with the fix', () => {
    const model = new Linear(2, 2);
    const sd = new Linear(2, 2, { dtype: 'float64' }).stateDict();
    expect(() => model.loadStateDict(sd)).toThrow(/model\.to\(dtype\)/);
  });
});

describe('to(dtype)', () => {
  it('converts every parameter in place, keeps identities, clears gradients', () => {
    const model = new Net();
    const params = model.parameters();
    const x = tensor([[1, 2, 3, 4]]);
    sum(model.forward(x)).backward();
    expect(params[0]!.grad).not.toBeNull();
    const before = model.forward(x).data;
    expect(model.to('float64')).toBe(model);
    expect(model.parameters()).toEqual(params);
    expect(params.every((p) => p.dtype === 'float64' && p.grad === null && p.requiresGrad)).toBe(
      true,
    );
    const after = model.forward(tensor([[1, 2, 3, 4]], { dtype: 'float64' }));
    expect(after.dtype).toBe('float64');
    expectAllClose(after.data, before, { rtol: 1e-5, atol: 1e-6 });
    expect(() => model.to('int32' as 'float32')).toThrow(/parameters are floats/);
  });
});

describe('toString', () => {
  it("prints like PyTorch's module printing", () => {
    const model = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 2, { bias: false }));
    expect(model.toString()).toBe(
      [
        'Sequential(',
        '  (0): Linear(inFeatures=4, outFeatures=8, bias=true)',
        '  (1): Tanh()',
        '  (2): Linear(inFeatures=8, outFeatures=2, bias=false)',
        ')',
      ].join('\n'),
    );
    const nested = new Sequential(
      new Sequential(new Dropout(0.25)),
      new Linear(1, 1, { dtype: 'float64' }),
    );
    expect(String(nested)).toBe(
      [
        'Sequential(',
        '  (0): Sequential(',
        '    (0): Dropout(p=0.25)',
        '  )',
        '  (1): Linear(inFeatures=1, outFeatures=1, bias=true, dtype=float64)',
        ')',
      ].join('\n'),
    );
    expect(new Net().toString()).toMatch(/^Net\(\n {2}\(fc1\): Linear/);
  });
});

describe('gradients flow through modules', () => {
  it('backward fills every parameter gradient', () => {
    const model = mlp([3, 4, 2], { seed: 9, dtype: 'float64' });
    const loss = sum(mul(model.forward(tensor([[1, -2, 0.5]], { dtype: 'float64' })), 2));
    loss.backward();
    for (const p of model.parameters()) expect(p.grad?.shape).toEqual(p.shape);
  });
});
