import { nablaConfig } from '@nabla/vitest-config';

// Relaxed SIMD is behind a flag in Node 20; with it, the tests cover both WebAssembly variants.
export default nablaConfig({ test: { execArgv: ['--experimental-wasm-relaxed-simd'] } });
