// The protocol between the orchestrator (main.ts) and an engine process: the engine gets one
// JSON argument (what to run, where to write) and writes one EngineResult JSON file. Progress
// goes to stderr, which the orchestrator passes through.
import { writeFileSync } from 'node:fs';
import type { EngineResult } from '../results.js';
import type { Workloads } from '../workloads.js';

export type WorkloadName = 'mnist' | 'tiny' | 'matmul' | 'perOp' | 'memory';

export interface EngineRequest {
  /** Which configuration of the engine, e.g. 'simd' or 'wasm'. */
  variant: string;
  workloads: Workloads;
  run: WorkloadName[];
  /** The EngineResult JSON is written here. */
  out: string;
  /** Threads the engine may use (Nabla: setNumThreads; PyTorch: torch.set_num_threads); 1 if absent. */
  threads?: number;
}

export function readRequest(): EngineRequest {
  const arg = process.argv[2];
  if (arg === undefined) throw new Error('engine: expected one JSON argument (an EngineRequest)');
  return JSON.parse(arg) as EngineRequest;
}

export function writeResult(request: EngineRequest, result: EngineResult): void {
  writeFileSync(request.out, JSON.stringify(result));
}

export function progress(engine: string, message: string): void {
  process.stderr.write(`  ${engine}: ${message}\n`);
}

/**
 * Starts counting this process's CPU time; the returned function gives CPU time ÷ wall time since,
 * as text. Below ~0.9 for a single-threaded engine, other processes took CPU from it: its figures
 * are low by about that much.
 */
export function startUsage(): () => string {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const used = process.cpuUsage(cpu);
    return ((used.user + used.system) / 1000 / (performance.now() - t0)).toFixed(2);
  };
}
