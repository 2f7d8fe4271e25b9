// Loads TensorFlow.js (CommonJS packages, so through require) with the cpu or wasm backend.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export type Tf = typeof import('@tensorflow/tfjs');
type TfWasm = typeof import('@tensorflow/tfjs-backend-wasm');

const require = createRequire(import.meta.url);

/** TensorFlow.js with `backend` active. In Node, the wasm backend loads its .wasm from dist/. */
export async function loadTf(
  backend: 'cpu' | 'wasm',
): Promise<{ tf: Tf; info: Record<string, string> }> {
  // TF.js greets Node users on the console (suggesting tfjs-node, which needs a native download).
  const warn = console.warn;
  console.warn = () => {};
  const tf = require('@tensorflow/tfjs') as Tf;
  console.warn = warn;
  const info: Record<string, string> = { version: tf.version.tfjs, backend, threads: '1' };
  if (backend === 'wasm') {
    const wasm = require('@tensorflow/tfjs-backend-wasm') as TfWasm;
    const path = require.resolve('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(`${dirname(path)}/`);
    // TF.js turns multithreading off in Node; SIMD is detected.
    info.simd = String(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  }
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js: backend ${backend} did not start`);
  await tf.ready();
  return { tf, info };
}
