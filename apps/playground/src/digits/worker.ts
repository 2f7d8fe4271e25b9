// The Digits worker: loads the embedded MNIST sample once, trains on request, and answers the
// drawing pad's predictions between training batches (fit yields every 30 ms).
import { loadMnistSample } from '@nabla/datasets';
import { describeError, workerScope } from '../shared/worker-scope';
import type { DigitsReply, DigitsRequest } from './protocol';
import { DigitsSession } from './session';

const scope = workerScope<DigitsRequest, DigitsReply>();
let session: DigitsSession | null = null;
const pending: DigitsRequest[] = [];
/** Batch messages are thinned to about ten a second. */
let lastBatchPost = 0;

function fail(e: unknown): void {
  scope.postMessage({ type: 'error', message: describeError(e) });
}

async function start(first: DigitsRequest): Promise<void> {
  if (first.type !== 'train' && first.type !== 'reset') {
    throw new Error('the first message must carry the settings');
  }
  const data = await loadMnistSample();
  session = new DigitsSession(data, first.settings, first.seed);
  const images = data.test.x.data;
  const bytes = Uint8Array.from(images, (v) => Math.round(v * 255));
  scope.postMessage(
    {
      type: 'loaded',
      testImages: bytes,
      testLabels: Int32Array.from(data.test.y.data),
      trainCount: session.split.train.y.shape[0]!,
      valCount: session.split.val.y.shape[0]!,
    },
    [bytes.buffer],
  );
}

function handle(s: DigitsSession, m: DigitsRequest): void {
  switch (m.type) {
    case 'train':
      s.train(m.settings, m.seed, {
        batch: (epoch, batch, batches, loss, steps) => {
          const now = performance.now();
          if (now - lastBatchPost < 100 && batch !== batches) return;
          lastBatchPost = now;
          scope.postMessage({ type: 'batch', run: m.run, epoch, batch, batches, loss, steps });
        },
        epoch: (report) => scope.postMessage({ type: 'epoch', run: m.run, report }),
      })
        .then((end) => scope.postMessage({ type: 'end', run: m.run, end }))
        .catch(fail);
      break;
    case 'stop':
      s.stop();
      break;
    case 'reset':
      s.reset(m.settings, m.seed);
      break;
    case 'predict':
      scope.postMessage({ type: 'prediction', probabilities: s.predict(m.pixels), id: m.id });
      break;
  }
}

scope.onmessage = ({ data: m }) => {
  if (session !== null) {
    try {
      handle(session, m);
    } catch (e) {
      fail(e);
    }
    return;
  }
  pending.push(m);
  if (pending.length > 1) return;
  start(m)
    .then(() => {
      for (const queued of pending.splice(0)) if (queued.type !== 'reset') handle(session!, queued);
    })
    .catch(fail);
};
