// Memory probes, run by memory.test.ts in a child with --expose-gc so a full collection can be
// forced before each sample (without it, a sample measures garbage not yet collected). Prints
// one JSON line per sample and a final `{"type":"end", ...}` line.
//
//   node --expose-gc memory-child.mjs epochs <epochs> <samples> <hidden>
//     one fit on the first <samples> digits of the embedded MNIST sample; a sample after each
//     epoch (in onEpochEnd, after a full gc).
//   node --expose-gc memory-child.mjs calls <calls> <every> <warmup> [leak]
//     <warmup> calls first, unmeasured (V8 compiles and tunes in them), then <calls> separate
//     fit calls (each its own model, optimizer, loaders, EarlyStopping,
//     progress listener and AbortSignal) on a small toy problem; a sample every <every> calls.
//     At the end: how many of the earlier calls' models and optimizers are still reachable
//     (WeakRefs after gc), and the process's and the shared AbortSignal's listener counts.
//     With `leak`, each call's model and optimizer are kept in a list on purpose: the control
//     that shows the measurements see a leak when there is one.
import { getEventListeners } from 'node:events';
import { circles, DataLoader, loadMnistSample } from '@nabla/datasets';
import { crossEntropy } from '@nabla/losses';
import { mlp } from '@nabla/nn';
import { Adam } from '@nabla/optim';
import { Tensor } from '@nabla/tensor';
import { accuracy, EarlyStopping, fit } from '@nabla/train';

const gc = globalThis.gc;
if (typeof gc !== 'function') throw new Error('run with node --expose-gc');

const KIB = 1024;
const PROCESS_EVENTS = [
  'SIGINT',
  'SIGTERM',
  'exit',
  'beforeExit',
  'uncaughtException',
  'unhandledRejection',
  'warning',
];

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function fullGc() {
  // Two rounds with a turn of the event loop between: WeakRefs and finalizers are cleared only
  // after the job that made them has ended.
  await tick();
  gc();
  await tick();
  gc();
}

function usage(at) {
  const m = process.memoryUsage();
  return {
    type: 'sample',
    at,
    heapKiB: m.heapUsed / KIB,
    rssKiB: m.rss / KIB,
    externalKiB: m.external / KIB,
    arrayBuffersKiB: m.arrayBuffers / KIB,
  };
}

function print(value) {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

const loss = (out, y) => crossEntropy(out, y, { check: 'off' });

async function epochsProbe(epochs, samples, hidden) {
  const { train } = loadMnistSample();
  const n = Math.min(samples, train.y.size);
  const x = new Tensor(train.x.data.slice(0, n * 784), [n, 784]);
  const y = new Tensor(train.y.data.slice(0, n), [n]);
  const model = mlp([784, hidden, 10], { seed: 1, activation: 'relu' });
  await fullGc();
  print(usage(0));
  const history = await fit(model, {
    loss,
    optimizer: new Adam(model.parameters(), { lr: 1e-3 }),
    train: new DataLoader({ x, y }, { batchSize: 128, shuffle: true, seed: 1 }),
    epochs,
    metrics: [accuracy()],
    callbacks: [
      {
        onEpochEnd: async (_ctx, log) => {
          await fullGc();
          print(usage(log.epoch));
        },
      },
    ],
  });
  print({
    type: 'end',
    epochs: history.epochs.length,
    finalLoss: history.epochs.at(-1).loss,
    maxRssKiB: process.resourceUsage().maxRSS,
  });
}

/** One complete fit call on its own objects; returns weak references to them. */
const kept = [];

async function oneCall(call, data, val, signal, onProgress, leak = false) {
  const model = mlp([2, 8, 2], { seed: call, activation: 'tanh' });
  const optimizer = new Adam(model.parameters(), { lr: 0.01 });
  const train = new DataLoader(data, { batchSize: 16, shuffle: true, seed: call }); // 4 steps
  await fit(model, {
    loss,
    optimizer,
    train,
    val: new DataLoader(val, { batchSize: 32 }),
    epochs: 2,
    metrics: [accuracy()],
    callbacks: [new EarlyStopping({ patience: 1 })],
    signal,
    onProgress,
  });
  if (leak) kept.push(model, optimizer);
  return [
    new WeakRef(model),
    new WeakRef(optimizer),
    new WeakRef(train),
    new WeakRef(model.parameters()[0].data),
  ];
}

async function callsProbe(calls, every, warmup, leak) {
  const data = circles({ n: 64, noise: 0.1, seed: 1 });
  const val = circles({ n: 32, noise: 0.1, seed: 2 });
  const shared = new AbortController();
  const refs = [];
  const listenersBefore = Object.fromEntries(
    PROCESS_EVENTS.map((e) => [e, process.listenerCount(e)]),
  );
  let events = 0;
  const onProgress = () => {
    events += 1;
  };
  for (let call = 1; call <= warmup; call++)
    await oneCall(1_000_000 + call, data, val, shared.signal, onProgress);
  await fullGc();
  print(usage(0));
  for (let call = 1; call <= calls; call++) {
    refs.push(await oneCall(call, data, val, shared.signal, onProgress, leak));
    if (call % every === 0) {
      await fullGc();
      print(usage(call));
    }
  }
  await fullGc();
  // Every call's model, optimizer, loader and weight tensor should be gone. (Once in a loaded
  // run the last call's were still reachable, never an earlier one's: the test allows that.)
  const aliveIndices = refs.flatMap((r, i) =>
    r.some((ref) => ref.deref() !== undefined) ? [i + 1] : [],
  );
  const alive = aliveIndices.length;
  const KINDS = ['model', 'optimizer', 'loader', 'weight tensor'];
  const aliveKinds = [
    ...new Set(
      refs.flatMap((r) => r.flatMap((ref, k) => (ref.deref() !== undefined ? [KINDS[k]] : []))),
    ),
  ];
  const listenersAfter = Object.fromEntries(
    PROCESS_EVENTS.map((e) => [e, process.listenerCount(e)]),
  );
  print({
    type: 'end',
    calls,
    progressEvents: events,
    aliveCalls: alive,
    aliveIndices: aliveIndices.slice(0, 10),
    aliveKinds,
    listenersBefore,
    listenersAfter,
    abortListeners: getEventListeners(shared.signal, 'abort').length,
    maxRssKiB: process.resourceUsage().maxRSS,
  });
}

const [mode, a, b, c, d] = process.argv.slice(2);
if (mode === 'epochs') await epochsProbe(Number(a), Number(b), Number(c));
else if (mode === 'calls') await callsProbe(Number(a), Number(b), Number(c), d === 'leak');
else {
  throw new Error(
    'usage: memory-child.mjs epochs <epochs> <samples> <hidden> | calls <calls> <every> <warmup> [leak]',
  );
}
