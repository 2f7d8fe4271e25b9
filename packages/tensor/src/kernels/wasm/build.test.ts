// The embedded WebAssembly is built from the text in wasm/ by `pnpm build`; this checks that the
// checked-in bytes are exactly what that source assembles to, so nobody edits one without the other.
import { describe, expect, it } from 'vitest';
import { assembleAll, SHARED_MAX_PAGES } from '../../../wasm/assemble.mjs';
import {
  kernelsRelaxed,
  kernelsRelaxedShared,
  kernelsSimd,
  kernelsSimdShared,
  relaxedProbe,
  simdProbe,
} from './binary.generated.js';
import { decodeBase64, wasmFeatures } from './features.js';
import { SHARED_MAX_PAGES as sharedMaxPagesTs } from './instance.js';

describe('the embedded WebAssembly', () => {
  it('matches its source in wasm/', async () => {
    const built = await assembleAll();
    const embedded: Record<string, string> = {
      kernelsSimd,
      kernelsRelaxed,
      kernelsSimdShared,
      kernelsRelaxedShared,
      simdProbe,
      relaxedProbe,
    };
    expect(Object.keys(built).sort()).toEqual(Object.keys(embedded).sort());
    for (const [name, { bytes }] of Object.entries(built)) {
      expect(decodeBase64(embedded[name]!), name).toEqual(new Uint8Array(bytes));
    }
  });

  it('declares the shared memory maximum the TypeScript side assumes', () => {
    expect(sharedMaxPagesTs).toBe(SHARED_MAX_PAGES);
  });

  it('is detected: Node 20 has SIMD, and relaxed SIMD under the flag these tests run with', () => {
    expect(wasmFeatures()).toEqual({ simd: true, relaxedSimd: true });
  });
});
