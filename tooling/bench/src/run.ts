// One run of the benchmarks: measures Nabla and its peers (TensorFlow.js cpu and wasm, PyTorch
// with 1 and 2 threads when /usr/bin/python3 has torch) on the same workloads, prints the figures
// and the Nabla/peer ratios to stdout and progress to stderr, writes the JSON and, if asked,
// regenerates docs/performance.md and its chart. `pnpm bench` and `nabla bench` both call it.

import { join } from 'node:path';
import { type Job, plan, runJob, scratchDir, torchAvailable, writeMnistFiles } from './jobs.js';
import { machineInfo } from './machine.js';
import { mergeResults } from './merge.js';
import type { Options } from './options.js';
import { chartGroups } from './report/chart.js';
import { performanceMarkdown } from './report/markdown.js';
import { metrics } from './report/metrics.js';
import { barChart } from './report/svg.js';
import { figuresTable, formatText, ratioTable } from './report/table.js';
import { checkTargets } from './report/targets.js';
import type { BenchResult, EngineResult } from './results.js';
import { workloads } from './workloads.js';
import { writeFileAtomic } from './write.js';

/** Runs the benchmarks as `options` say; resolves with what was written to `options.json`. */
export async function runBench(options: Options): Promise<BenchResult> {
  const w = workloads(options.quick);
  const machine = machineInfo();
  console.error(
    `nabla bench${options.quick ? ' --quick' : ''}: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverage}`,
  );

  const scratch = scratchDir();
  const engines = new Map<string, EngineResult>();
  try {
    const withTorch = options.peers && torchAvailable();
    if (options.peers && !withTorch)
      console.error('  PyTorch: /usr/bin/python3 cannot import torch; skipped');
    const dataFiles = withTorch ? await writeMnistFiles(scratch.dir) : {};
    const jobs: Job[] = plan(options.quick, options.peers, dataFiles);
    // A full run measures every configuration in two rounds, the second in reverse order, and pools
    // their samples: a burst of load from other processes then weighs on no engine alone.
    const rounds = options.quick ? [jobs] : [jobs, [...jobs].reverse().filter((j) => j.repeat)];
    const started = performance.now();
    for (const round of rounds) {
      for (const job of round) merge(engines, await runJob(job, w, scratch.dir));
    }
    console.error(`  done in ${Math.round((performance.now() - started) / 1000)} s`);
  } finally {
    scratch.remove();
  }

  machine.loadAverageEnd = machineInfo().loadAverage ?? '';
  const result: BenchResult = {
    date: new Date().toISOString().slice(0, 10),
    quick: options.quick,
    machine,
    engines: [...engines.values()],
  };
  const rows = metrics(w.matmul.shapes);
  console.log(`\n${formatText(figuresTable(rows, result.engines))}\n`);
  const nabla = engines.get('nabla-simd');
  const peers = result.engines.filter((e) => !e.engine.startsWith('nabla'));
  if (nabla !== undefined && peers.length > 0)
    console.log(`${formatText(ratioTable(rows, nabla, peers))}\n`);
  for (const t of checkTargets(Object.fromEntries(engines))) {
    console.log(`${t.met === null ? '  ?' : t.met ? ' ok' : ' NO'}  ${t.target}: ${t.measured}`);
  }

  writeFileAtomic(options.json, `${JSON.stringify(result, null, 2)}\n`);
  console.error(`\nwrote ${options.json}`);
  if (options.docs) {
    const svg = barChart(
      chartGroups(result, w.matmul.shapes),
      result.engines.map((e) => e.label),
      `Nabla and its peers, ${result.date}`,
    );
    writeFileAtomic(join(options.docsDir, 'performance.svg'), svg);
    writeFileAtomic(
      join(options.docsDir, 'performance.md'),
      performanceMarkdown(result, w.matmul.shapes, 'performance.svg'),
    );
    console.error(`wrote ${join(options.docsDir, 'performance.md')} and performance.svg`);
  }
  return result;
}

/** Results of several jobs of one engine (its memory run, a second round) become one entry. */
function merge(into: Map<string, EngineResult>, r: EngineResult): void {
  const previous = into.get(r.engine);
  into.set(r.engine, previous === undefined ? r : mergeResults(previous, r));
}
