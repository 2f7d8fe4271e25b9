import assert from 'node:assert/strict';
import { mean, mul, sub, variable } from '@nabla/autograd';
import { Adam, clipGradNorm, SGD, StepLR } from '@nabla/optim';
import { ArgumentError } from '@nabla/tensor';

// Fit w to a target with a few optimizer steps: the loss must fall.
function fit(make) {
  const w = variable([3, -2, 1], { requiresGrad: true, dtype: 'float64' });
  const target = variable([0.5, 0.5, 0.5], { dtype: 'float64' });
  const opt = make([w]);
  const lossOf = () => {
    const d = sub(w, target);
    return mean(mul(d, d));
  };
  const first = lossOf().item();
  for (let i = 0; i < 20; i++) {
    opt.zeroGrad();
    const loss = lossOf();
    loss.backward();
    clipGradNorm([w], 10);
    opt.step();
  }
  return { first, last: lossOf().item(), opt };
}

const sgd = fit((ps) => new SGD(ps, { lr: 0.5, momentum: 0.5 }));
assert.ok(sgd.last < sgd.first / 100, `SGD: ${sgd.first} -> ${sgd.last}`);
const adam = fit((ps) => new Adam(ps, { lr: 0.1, betas: [0.9, 0.999], weightDecay: 0 }));
assert.ok(adam.last < adam.first, `Adam: ${adam.first} -> ${adam.last}`);
assert.equal(adam.opt.stateDict().state[0].step, 20);

const sched = new StepLR(sgd.opt, { stepSize: 1, gamma: 0.5 });
sched.step();
assert.deepEqual(sched.getLastLr(), [0.25]);
assert.throws(() => new Adam([variable([1], { requiresGrad: true })], { lr: -1 }), ArgumentError);
console.log('@nabla/optim ok');
