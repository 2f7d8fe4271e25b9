// The fuzz worker: runs one parser on each input of a batch and reports, per input, how it
// ended (a result, a typed error, anything else), how long it took, how much memory it held
// and whether it touched a shared prototype. It runs as a child process so the parent's
// watchdog can kill it when an input hangs (a synchronous loop cannot be interrupted from
// inside) and survives a native abort; each report is sent as soon as its input is done, so
// the parent knows which input hung or crashed.
import { getHeapStatistics } from 'node:v8';
import { inheritedKey, prototypeSnapshot, prototypesChanged } from './prototypes.mjs';
import { isTyped, TARGETS } from './targets.mjs';

const baseline = prototypeSnapshot();
/** @type {Record<string, (bytes: Uint8Array) => unknown>} */
const loaded = {};

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
  // A command-line run is a result whatever its exit code: the code is kept for the figures.
  const code = /** @type {{ code?: unknown } | undefined} */ (result)?.code;
  return {
    outcome,
    errorClass,
    kind: typeof code === 'number' ? `exit code ${code}` : '',
    stderr:
      typeof code === 'number' ? String(/** @type {{ stderr?: unknown }} */ (result).stderr) : '',
    message: outcome === 'typed' ? message.slice(0, 300) : message.slice(0, 2000),
    ms,
    external: Math.max(0, after.external_memory - before.external_memory),
    heap: Math.max(0, after.used_heap_size - before.used_heap_size),
    size: input.length,
  };
}

process.on('message', async (/** @type {{ target: string, inputs: Uint8Array[] }} */ batch) => {
  const load = TARGETS[batch.target];
  if (load === undefined) throw new Error(`no fuzz target ${batch.target}`);
  let parse = loaded[batch.target];
  if (parse === undefined) {
    parse = await load();
    loaded[batch.target] = parse;
  }
  for (const input of batch.inputs) {
    process.send?.({ type: 'report', report: await runOne(parse, input) });
  }
  process.send?.({ type: 'done' });
});
process.send?.({ type: 'ready' });
