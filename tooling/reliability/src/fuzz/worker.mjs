// The fuzz worker: runs one parser on each input of a batch and reports, per input, how it
// ended (a result, a typed error, anything else), how long it took, how much memory it held
// and whether it touched a shared prototype. It runs in a worker thread so the main thread's
// watchdog can terminate it when an input hangs (a synchronous loop cannot be interrupted
// from inside). Before each input it stores the input's index in `progress`, so the
// watchdog knows which input hung.
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { inheritedKey, prototypeSnapshot, prototypesChanged } from './prototypes.mjs';
import { isTyped, TARGETS } from './targets.mjs';

/** @type {Int32Array} */
const progress = workerData.progress;
const baseline = prototypeSnapshot();

/**
 * @param {(bytes: Uint8Array) => unknown} parse
 * @param {Uint8Array} input
 */
async function runOne(parse, input) {
  const before = getHeapStatistics();
  const start = performance.now();
  let outcome = 'result';
  let errorClass = '';
  let message = '';
  let result;
  try {
    result = await parse(input);
  } catch (error) {
    errorClass = error instanceof Error ? error.constructor.name : typeof error;
    message = error instanceof Error ? error.message : String(error);
    outcome = isTyped(error) ? 'typed' : 'untyped';
  }
  const ms = performance.now() - start;
  // Measured while the result is still held: what the parser kept plus what it let go of
  // and the collector has not reclaimed yet.
  const after = getHeapStatistics();
  const changed = prototypesChanged(baseline);
  if (changed !== '') {
    outcome = 'polluted';
    message = changed;
  } else if (outcome === 'result') {
    const key = inheritedKey(result);
    if (key !== '') {
      outcome = 'polluted';
      message = key;
    }
  }
  return {
    outcome,
    errorClass,
    message: outcome === 'typed' ? message.slice(0, 300) : message.slice(0, 2000),
    ms,
    external: Math.max(0, after.external_memory - before.external_memory),
    heap: Math.max(0, after.used_heap_size - before.used_heap_size),
    size: input.length,
  };
}

parentPort?.on('message', async (/** @type {{ target: string, inputs: Uint8Array[] }} */ batch) => {
  const parse = TARGETS[batch.target];
  if (parse === undefined) throw new Error(`no fuzz target ${batch.target}`);
  const results = [];
  for (let i = 0; i < batch.inputs.length; i++) {
    Atomics.store(progress, 0, i);
    Atomics.add(progress, 1, 1);
    results.push(await runOne(parse, batch.inputs[i] ?? new Uint8Array(0)));
  }
  parentPort?.postMessage({ type: 'done', results });
});
parentPort?.postMessage({ type: 'ready' });
