// Assembles every module @nabla/tensor embeds, from its WebAssembly text. Shared by the build
// (which writes the bytes) and by the test that checks the checked-in bytes match this source.
import wabt from 'wabt';
import { kernelsWat } from './kernels.mjs';

export { SHARED_MAX_PAGES } from './kernels.mjs';

/** Tiny modules whose validation tells whether the runtime has SIMD, and relaxed SIMD. */
const probes = {
  simdProbe: `(module (func (result v128) (f32x4.add (v128.const f32x4 1 2 3 4) (v128.const f32x4 1 2 3 4))))`,
  relaxedProbe: `(module (func (result v128)
    (f32x4.relaxed_madd (v128.const f32x4 1 2 3 4) (v128.const f32x4 1 2 3 4) (v128.const f32x4 1 2 3 4))))`,
};

const sources = {
  kernelsSimd: { text: kernelsWat({ relaxed: false }), description: 'float32 kernels, SIMD' },
  kernelsRelaxed: {
    text: kernelsWat({ relaxed: true }),
    description: 'float32 kernels, relaxed SIMD',
  },
  kernelsSimdShared: {
    text: kernelsWat({ relaxed: false, shared: true }),
    description: 'float32 kernels, SIMD, shared memory (threads)',
  },
  kernelsRelaxedShared: {
    text: kernelsWat({ relaxed: true, shared: true }),
    description: 'float32 kernels, relaxed SIMD, shared memory (threads)',
  },
  simdProbe: { text: probes.simdProbe, description: 'validates only where SIMD is supported' },
  relaxedProbe: {
    text: probes.relaxedProbe,
    description: 'validates only where relaxed SIMD is supported',
  },
};

/** The proposals the text uses beyond WebAssembly 1.0 (threads: shared memory). */
const features = { simd: true, relaxed_simd: true, threads: true };

/** `{ name: { bytes, description } }` for every embedded module. */
export async function assembleAll() {
  const toolkit = await wabt();
  const out = {};
  for (const [name, { text, description }] of Object.entries(sources)) {
    const module = toolkit.parseWat(`${name}.wat`, text, features);
    try {
      module.resolveNames();
      module.validate(features);
      out[name] = { bytes: module.toBinary({ log: false }).buffer, description };
    } finally {
      module.destroy();
    }
  }
  return out;
}

/** The text of every module, for reading or debugging (`node -e` it and print). */
export const texts = Object.fromEntries(Object.entries(sources).map(([k, v]) => [k, v.text]));
