// The engine processes one run starts, in order. Each engine runs in its own process: a clean
// heap, its own flags (relaxed SIMD, --expose-gc), and no engine's warm caches or JIT state
// favouring another.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MnistData, mnistData } from './data.js';
import type { EngineRequest, WorkloadName } from './engines/child.js';
import type { EngineResult } from './results.js';
import type { Workloads } from './workloads.js';

const dist = fileURLToPath(new URL('./', import.meta.url));
const python = '/usr/bin/python3';
const torchScript = fileURLToPath(new URL('../python/torch_engine.py', import.meta.url));

export interface Job {
  engine: string;
  /** The command and its arguments before the request JSON. */
  command: string;
  args: string[];
  variant: string;
  run: WorkloadName[];
  /** Extra request fields (the PyTorch engine's thread count and data files). */
  extra?: Record<string, unknown>;
  /** Run again in a full run's second round (not the memory run or the reference kernels). */
  repeat?: boolean;
}

const node = (script: string, flags: string[] = []) => ({
  command: process.execPath,
  args: [...flags, join(dist, script)],
});

/** Every job of a run: Nabla's variants, then the peers if asked and available. */
export function plan(quick: boolean, peers: boolean, dataFiles: Record<string, string>): Job[] {
  const nabla = 'engines/nabla/main.js';
  const jobs: Job[] = [
    {
      engine: 'nabla-simd',
      variant: 'simd',
      run: ['mnist', 'tiny', 'matmul', 'perOp'],
      repeat: true,
      ...node(nabla),
    },
    {
      engine: 'nabla-relaxed',
      variant: 'relaxed',
      run: ['mnist', 'matmul'],
      repeat: true,
      ...node(nabla, ['--experimental-wasm-relaxed-simd']),
    },
    // The same two variants with a second thread (setNumThreads(2)): products shared with a
    // helper worker.
    {
      engine: 'nabla-simd-2t',
      variant: 'simd',
      run: ['mnist', 'matmul'],
      repeat: true,
      extra: { threads: 2 },
      ...node(nabla),
    },
    {
      engine: 'nabla-relaxed-2t',
      variant: 'relaxed',
      run: ['mnist', 'matmul'],
      repeat: true,
      extra: { threads: 2 },
      ...node(nabla, ['--experimental-wasm-relaxed-simd']),
    },
    { engine: 'nabla-simd', variant: 'simd', run: ['memory'], ...node(nabla, ['--expose-gc']) },
  ];
  if (!quick) jobs.push({ engine: 'nabla-js', variant: 'js', run: ['matmul'], ...node(nabla) });
  if (!peers) return jobs;
  const tfjs = 'engines/tfjs/main.js';
  jobs.push(
    {
      engine: 'tfjs-cpu',
      variant: 'cpu',
      run: ['mnist', 'tiny', 'matmul', 'perOp'],
      repeat: true,
      ...node(tfjs),
    },
    {
      engine: 'tfjs-wasm',
      variant: 'wasm',
      run: ['mnist', 'tiny', 'matmul', 'perOp'],
      repeat: true,
      ...node(tfjs),
    },
  );
  if (torchAvailable()) {
    for (const threads of [1, 2]) {
      jobs.push({
        engine: `torch-${threads}`,
        variant: String(threads),
        run: threads === 1 ? ['mnist', 'tiny', 'matmul', 'perOp'] : ['mnist', 'matmul'],
        command: python,
        args: [torchScript],
        repeat: true,
        extra: { threads, data: dataFiles },
      });
    }
  }
  return jobs;
}

/** Whether /usr/bin/python3 can import torch. */
export function torchAvailable(): boolean {
  try {
    execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Writes the MNIST sample as raw files for the PyTorch engine; returns their paths. */
export async function writeMnistFiles(dir: string): Promise<Record<string, string>> {
  const data: MnistData = await mnistData();
  const files = { x: join(dir, 'x.f32'), y: join(dir, 'y.i32'), order: join(dir, 'order.i32') };
  const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  writeFileSync(files.x, bytes(data.x));
  writeFileSync(files.y, bytes(data.y));
  writeFileSync(files.order, bytes(data.order));
  return files;
}

/** Runs one job to completion; its progress lines pass through, other output only on failure. */
export function runJob(job: Job, workloads: Workloads, dir: string): Promise<EngineResult> {
  const out = join(dir, `${job.engine}-${job.run.join('-')}.json`);
  const request: EngineRequest = {
    variant: job.variant,
    workloads,
    run: job.run,
    out,
    ...job.extra,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(job.command, [...job.args, JSON.stringify(request)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, OMP_NUM_THREADS: String(job.extra?.threads ?? 1) },
    });
    let log = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      log += text;
      for (const line of text.split('\n')) if (line.startsWith('  ')) console.error(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`${job.engine} (${job.run.join(', ')}) exited with ${code}:\n${log}`));
        return;
      }
      resolve(JSON.parse(readFileSync(out, 'utf8')) as EngineResult);
    });
  });
}

/** A scratch directory, removed by the returned function. */
export function scratchDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'nabla-bench-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
