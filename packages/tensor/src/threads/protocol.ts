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
export const ARG_COUNT = 19;
/** 1 once the helper has instantiated the module, -1 if it could not (written by the helper). */
export const READY = 32;
/** 1 if the last job threw (written by the helper before DONE). */
export const FAILED = 33;
/** The number of the last job finished (written by the helper). */
export const DONE = 34;
/**
 * How long a helper keeps polling for the next job before it sleeps, in ms. The products of a
 * training step come close together (the gaps are the copies and the elementwise ops between
 * them, ~0.1-0.5 ms): a helper still polling starts at once, while one woken from sleep costs the
 * caller a futex wake-up and a reschedule (tens of µs) per product.
 */
export const HELPER_SPIN_MS = 0.5;
/**
 * How long the caller polls for a helper's DONE before it sleeps, in ms: the helper's share ends
 * about when the caller's does (within tens of µs when both have a core), and a sleeping caller
 * is woken late. A helper later than this has likely lost its core to another process, and a
 * caller still polling would keep a core from it.
 */
export const CALLER_SPIN_MS = 0.25;
/** Polls between two looks at the clock while spinning (reading the clock costs ~25 ns). */
export const POLLS_PER_CLOCK = 256;
