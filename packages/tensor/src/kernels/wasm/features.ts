import { relaxedProbe, simdProbe } from './binary.generated.js';

/** What the WebAssembly runtime can run, found by validating tiny modules that need it. */
export interface WasmFeatures {
  /** 128-bit SIMD (Node ≥ 16, every current browser). */
  simd: boolean;
  /** Relaxed SIMD, for fused multiply-add (browsers; Node 20 with --experimental-wasm-relaxed-simd). */
  relaxedSimd: boolean;
}

let found: WasmFeatures | undefined;

/** Decodes the base64 the build embeds (atob exists in browsers and in Node ≥ 16). */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function validates(base64: string): boolean {
  try {
    return WebAssembly.validate(decodeBase64(base64));
  } catch {
    return false;
  }
}

/** The runtime's WebAssembly features, detected once. */
export function wasmFeatures(): WasmFeatures {
  if (found === undefined) {
    const available = typeof WebAssembly === 'object' && typeof WebAssembly.validate === 'function';
    const simd = available && validates(simdProbe);
    found = { simd, relaxedSimd: simd && validates(relaxedProbe) };
  }
  return found;
}
