import { linear, mean, tanh, type Variable } from '@nabla/autograd';
import { randn, type Tensor } from '@nabla/tensor';
import { describe, expect, it } from 'vitest';
import { Flatten, Linear, type Module, ReLU, Sequential, Sigmoid, Tanh } from '../index.js';
import type { Input } from '../module.js';

const copy = (t: Tensor) => Array.from(t.data);

/** Three SGD steps by hand; returns every loss and the final parameters. */
function train(model: Module, x: Tensor): number[][] {
  const losses: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (const p of model.parameters()) p.grad = null;
    const loss = mean(model.forward(x));
    loss.backward();
    losses.push(loss.item());
    for (const p of model.parameters()) {
      const d = p.data.data;
      const g = p.grad!.data;
      for (let j = 0; j < d.length; j++) d[j] = d[j]! - 0.1 * g[j]!;
    }
  }
  return [losses, ...model.parameters().map((p) => copy(p.data))];
}

describe('Sequential recycles the activations between its layers', () => {
  it('trains exactly like the same layers called by hand', () => {
    const x = randn([8, 4], { seed: 1 });
    const seq = new Sequential(
      new Linear(4, 6, { seed: 2 }),
      new Tanh(),
      new Linear(6, 2, { seed: 3 }),
    );
    const a = new Linear(4, 6, { seed: 2 });
    const b = new Linear(6, 2, { seed: 3 });
    class ByHand extends Sequential {
      override forward(input: Input): Variable {
        return linear(tanh(a.forward(input)), b.weight, b.bias);
      }
    }
    const byHand = new ByHand(a, new Tanh(), b);
    expect(train(seq, x)).toEqual(train(byHand, x));
  });

  it('runs each Linear and its activation as one op, with the same values and gradients', () => {
    const x = randn([5, 3], { seed: 9 });
    const layers = () => [
      new Linear(3, 4, { seed: 10 }),
      new ReLU(),
      new Linear(4, 4, { seed: 11 }),
      new Sigmoid(),
      new Linear(4, 2, { seed: 12 }),
      new Tanh(),
    ];
    const seq = new Sequential(...layers());
    expect(seq.forward(x).op).toBe('linear+tanh');
    const [l1, r, l2, s, l3, t] = layers() as [Linear, ReLU, Linear, Sigmoid, Linear, Tanh];
    class ByHand extends Sequential {
      override forward(input: Input): Variable {
        return t.forward(l3.forward(s.forward(l2.forward(r.forward(l1.forward(input))))));
      }
    }
    const byHand = new ByHand(l1, r, l2, s, l3, t);
    expect(byHand.forward(x).op).toBe('tanh');
    expect(train(seq, x)).toEqual(train(byHand, x));
  });

  it('leaves the output, and what a custom layer keeps, intact after backward', () => {
    const x = randn([8, 4], { seed: 4 });
    class Probe extends ReLU {
      seen: Variable[] = [];
      override forward(input: Input): Variable {
        const y = super.forward(input);
        this.seen.push(y);
        return y;
      }
    }
    const probe = new Probe();
    const seq = new Sequential(new Linear(4, 6, { seed: 5 }), probe, new Linear(6, 2, { seed: 6 }));
    const out = seq.forward(x);
    const values = [copy(out.data), copy(probe.seen[0]!.data)];
    mean(out).backward();
    for (let i = 0; i < 3; i++) mean(seq.forward(x)).backward();
    expect([copy(out.data), copy(probe.seen[0]!.data)]).toEqual(values);
  });

  it('does not recycle a buffer shared by a view (Flatten)', () => {
    const x = randn([8, 4], { seed: 7 });
    const seq = new Sequential(new Linear(4, 6, { seed: 8 }), new Flatten(), new Tanh());
    const first = seq.forward(x);
    const flat = seq[1]!.forward(first);
    expect(flat.data.data).toBe(first.data.data);
    const out = seq.forward(x);
    const values = copy(out.data);
    mean(out).backward();
    mean(seq.forward(x)).backward();
    expect(copy(out.data)).toEqual(values);
  });
});
