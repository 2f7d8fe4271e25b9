// Runs the perceptron (and the hidden-layer network for XOR) off the main thread; the view
// animates the recorded updates at its own pace.
import { describeError, workerScope } from '../shared/worker-scope';
import { runPerceptron, solveWithHiddenLayer } from './logic';
import type { PerceptronReply, PerceptronRequest } from './protocol';

const scope = workerScope<PerceptronRequest, PerceptronReply>();

scope.onmessage = ({ data: m }) => {
  try {
    if (m.type === 'run') scope.postMessage({ type: 'run', run: runPerceptron(m.dataset, m.seed) });
    else scope.postMessage({ type: 'hidden', solution: solveWithHiddenLayer(m.dataset, m.seed) });
  } catch (e) {
    scope.postMessage({ type: 'error', message: describeError(e) });
  }
};
