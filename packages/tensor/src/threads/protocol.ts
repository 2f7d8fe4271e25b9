// How the calling thread and a helper talk: one slot of 32-bit integers per helper in a small
// SharedArrayBuffer (the control block), read and written with Atomics. The calling thread
// writes a job's arguments, then bumps JOB and notifies; the helper runs the job, writes
// FAILED, then sets DONE to the job's number and notifies. Atomics order the plain writes around
// them, so each side sees the other's arguments and results in the WebAssembly memory.

/** Int32 fields per slot: 64 (256 bytes), so slots never share a cache line. */
export const SLOT_INTS = 64;
/** The number of the last job posted (written by the calling thread). */
export const JOB = 0;
/** The job's arguments (written by the calling thread before JOB). */
export const ARGS = 1;
/** The arguments of the kernels module's `gemm` export. */
export const ARG_COUNT = 18;
/** 1 once the helper has instantiated the module, -1 if it could not (written by the helper). */
export const READY = 32;
/** 1 if the last job threw (written by the helper before DONE). */
export const FAILED = 33;
/** The number of the last job finished (written by the helper). */
export const DONE = 34;
/**
 * Loads of JOB a helper makes after a job before it sleeps (~50-100 µs): the products of a
 * training step come back to back, and a helper that is still awake starts at once, while one
 * woken from sleep costs the caller a wake-up (tens of µs).
 */
export const SPIN_LOADS = 20_000;
