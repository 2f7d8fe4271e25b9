import { add, mul, sum, Variable } from '@nabla/autograd';
import { ArgumentError, zeros } from '@nabla/tensor';

/**
 * The L2 penalty ½·Σ w² over the given parameters (all of their elements), to add to a loss:
 * `loss = crossEntropy(...) + λ·l2Penalty(weights)`.
 *
 * The ½ is the lecture's convention and PyTorch's: the gradient of λ·½·Σw² is λ·w, exactly
 * what `weightDecay: λ` adds in torch.optim's SGD (and Nabla's), so the two are the same
 * regularisation. Pass only the weights to leave biases unpenalised (the usual practice), e.g.
 * `model.parameters().filter((p) => p.rank > 1)`. Accepts a list of Variables or anything with
 * a `parameters()` method (a Module).
 *
 * Distribution: a zero-mean Gaussian prior on the weights (λ is the prior's precision): adding
 * it turns maximum likelihood into maximum a-posteriori estimation.
 */
export function l2Penalty(parameters: Iterable<Variable> | { parameters(): Variable[] }): Variable {
  const op = 'l2Penalty';
  const list =
    parameters !== null &&
    typeof parameters === 'object' &&
    'parameters' in parameters &&
    typeof parameters.parameters === 'function'
      ? parameters.parameters()
      : [...(parameters as Iterable<Variable>)];
  let total: Variable | null = null;
  for (const [i, p] of list.entries()) {
    if (!(p instanceof Variable)) throw new ArgumentError(op, `parameter ${i} is not a Variable`);
    const squares = sum(mul(p, p));
    total = total === null ? squares : add(total, squares);
  }
  return total === null ? new Variable(zeros([]), false, op) : mul(total, 0.5);
}
