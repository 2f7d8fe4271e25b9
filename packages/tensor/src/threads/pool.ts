import type { HelperInit } from './helper-source.js';
import {
  ARG_COUNT,
  ARGS,
  CALLER_SPIN_MS,
  DONE,
  FAILED,
  JOB,
  POLLS_PER_CLOCK,
  READY,
  SLOT_INTS,
} from './protocol.js';
import { MAX_THREADS } from './settings.js';
import { type Helper, spawnHelper } from './spawn.js';

/** Helpers that may die after starting before the pool gives up restarting them. */
const MAX_LOSSES = 3;

const newControlBlock = () => new Int32Array(new SharedArrayBuffer(MAX_THREADS * SLOT_INTS * 4));

/** Why a helper's job did not come back: it threw, or it did not finish in time. */
export class HelperFailure extends Error {
  /** 'threw': the job trapped and the helper is idle again; 'late': it may still be running. */
  constructor(
    readonly kind: 'threw' | 'late',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Helper workers over one compiled kernels module and its shared memory. Helper `i` owns slot
 * `i` of the control block (protocol.ts). Helpers start in the background (`start`); a job is
 * only ever posted to a helper whose READY flag is set, so a caller never waits for a start.
 */
export class HelperPool {
  /** Replaced by `stop`: a helper still starting then must not mark a slot of the next set READY. */
  private control = newControlBlock();
  private helpers: Helper[] = [];
  /** Bumped by `stop`, so helpers that finish starting after it are terminated on arrival. */
  private generation = 0;
  private starting: Promise<number> | null = null;
  private jobs = 0;
  /** Helpers that died after starting; past MAX_LOSSES the pool stops restarting them. */
  private losses = 0;

  constructor(private readonly kernels: Pick<HelperInit, 'module' | 'memory'>) {}

  /** How many helpers can take a job now: slots 0, 1, … whose READY flag is set. */
  ready(): number {
    let n = 0;
    while (n < MAX_THREADS && Atomics.load(this.control, n * SLOT_INTS + READY) === 1) n++;
    return n;
  }

  /**
   * Starts `count` helpers unless they are started or starting; resolves to how many are ready
   * (fewer if some could not start).
   */
  start(count: number): Promise<number> {
    if (this.starting !== null) return this.starting;
    if (this.losses >= MAX_LOSSES) return Promise.resolve(0);
    const generation = this.generation;
    const { module, memory } = this.kernels;
    const starts = Array.from({ length: count }, (_, slot) =>
      spawnHelper(
        { module, memory, control: this.control.buffer as SharedArrayBuffer, slot },
        () => {
          // A helper died: start afresh on the next product; meanwhile products run alone.
          if (generation !== this.generation) return;
          this.losses++;
          this.stop();
        },
      ).then((helper) => {
        if (generation === this.generation) this.helpers.push(helper);
        else helper.terminate();
      }),
    );
    this.starting = Promise.allSettled(starts).then(() => this.ready());
    return this.starting;
  }

  /** Terminates every helper; the next `start` begins afresh. */
  stop(): void {
    this.generation++;
    for (const helper of this.helpers) helper.terminate();
    this.helpers = [];
    this.starting = null;
    this.control = newControlBlock();
  }

  /** Posts a `gemm` call to helper `slot` (which must be ready); returns the job's number. */
  post(slot: number, args: readonly number[]): number {
    if (args.length !== ARG_COUNT) throw new RangeError(`gemm takes ${ARG_COUNT} arguments`);
    const at = slot * SLOT_INTS;
    for (let i = 0; i < ARG_COUNT; i++) this.control[at + ARGS + i] = args[i]!;
    const job = ++this.jobs;
    Atomics.store(this.control, at + JOB, job);
    Atomics.notify(this.control, at + JOB);
    return job;
  }

  /**
   * Blocks until helper `slot` has finished job `job`: spins briefly (a helper's share ends about
   * when the caller's does), then sleeps. Throws HelperFailure if the job threw, or if it has not
   * finished `timeoutMs` after the spin.
   */
  wait(slot: number, job: number, timeoutMs: number): void {
    const at = slot * SLOT_INTS + DONE;
    const until = performance.now() + CALLER_SPIN_MS;
    spin: while (performance.now() < until) {
      for (let i = 0; i < POLLS_PER_CLOCK; i++) {
        if (Atomics.load(this.control, at) === job) break spin;
      }
    }
    const deadline = performance.now() + timeoutMs;
    for (let done = Atomics.load(this.control, at); done !== job; ) {
      const left = deadline - performance.now();
      if (left <= 0) {
        throw new HelperFailure('late', `helper ${slot + 1} did not finish in ${timeoutMs} ms`);
      }
      Atomics.wait(this.control, at, done, left);
      done = Atomics.load(this.control, at);
    }
    if (Atomics.load(this.control, slot * SLOT_INTS + FAILED) !== 0) {
      throw new HelperFailure('threw', `helper ${slot + 1}'s part of the product threw`);
    }
  }
}
