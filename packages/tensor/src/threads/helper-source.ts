// The helper workers' code, as constant strings shipped in the package: a worker is started from
// this text (Node: `new Worker(text, { eval: true })`; browsers: a Blob URL), so there is no
// separate file to serve and nothing data-derived is ever evaluated. It receives the compiled
// kernels module, the shared memory and the control block, and then serves `gemm` jobs forever
// (see protocol.ts); it is only ever terminated, never asked to stop.
import {
  ARG_COUNT,
  ARGS,
  DONE,
  FAILED,
  HELPER_SPIN_MS,
  JOB,
  POLLS_PER_CLOCK,
  READY,
  SLOT_INTS,
} from './protocol.js';

/** What a helper needs: transferable by structured clone to a worker. */
export interface HelperInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  slot: number;
}

const serve = `
function serve(init, started) {
  const control = new Int32Array(init.control);
  const at = init.slot * ${SLOT_INTS};
  let gemm;
  try {
    gemm = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports.gemm;
  } catch (error) {
    Atomics.store(control, at + ${READY}, -1);
    started(String(error));
    return;
  }
  // Read before READY is set: the caller posts a job only after seeing READY, so this is the
  // number before that job, never the job's own.
  let seen = Atomics.load(control, at + ${JOB});
  Atomics.store(control, at + ${READY}, 1);
  started(null);
  const args = new Array(${ARG_COUNT}).fill(0);
  for (;;) {
    const until = performance.now() + ${HELPER_SPIN_MS};
    spin: while (performance.now() < until) {
      for (let i = 0; i < ${POLLS_PER_CLOCK}; i++) {
        if (Atomics.load(control, at + ${JOB}) !== seen) break spin;
      }
    }
    while (Atomics.load(control, at + ${JOB}) === seen) Atomics.wait(control, at + ${JOB}, seen);
    seen = Atomics.load(control, at + ${JOB});
    for (let i = 0; i < ${ARG_COUNT}; i++) args[i] = control[at + ${ARGS} + i];
    let failed = 0;
    try {
      gemm(...args);
    } catch {
      failed = 1;
    }
    Atomics.store(control, at + ${FAILED}, failed);
    Atomics.store(control, at + ${DONE}, seen);
    Atomics.notify(control, at + ${DONE});
  }
}
`;

/**
 * For `new Worker(text, { eval: true, workerData: init })` in Node. Evaluated as a script or as
 * a module depending on the parent's flags (`--input-type=module` carries over), so it loads
 * worker_threads with import(), which both allow.
 */
export const NODE_HELPER_SOURCE = `'use strict';
${serve}
import('node:worker_threads').then(({ parentPort, workerData }) =>
  serve(workerData, (error) => parentPort.postMessage(error)),
);
`;

/** For a classic Web Worker made from a Blob URL; the first message is the HelperInit. */
export const BROWSER_HELPER_SOURCE = `'use strict';
${serve}
self.onmessage = (event) => {
  self.onmessage = null;
  serve(event.data, (error) => self.postMessage(error));
};
`;
