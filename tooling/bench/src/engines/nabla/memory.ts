import { Session } from 'node:inspector/promises';
import { bufferPoolStats } from '@nabla/tensor';
import { type MnistData, stepsPerEpoch } from '../../data.js';
import type { MemoryResult } from '../../results.js';
import type { Workloads } from '../../workloads.js';
import { mnistTrainer } from './mnist.js';

const MB = 1024 * 1024;

/**
 * Trains the MNIST MLP for `epochs` epochs in a process started with --expose-gc, recording the
 * live heap (after a full GC) and RSS after each epoch, the JS heap allocated per step (sampled by
 * V8's allocation profiler, garbage included), and how many typed-array buffers a step allocates
 * (those the buffer pool could not supply).
 */
export async function memoryRun(data: MnistData, w: Workloads): Promise<MemoryResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the memory workload needs node --expose-gc');
  const step = mnistTrainer(data, w.mnist);
  const steps = stepsPerEpoch(data, w.mnist.batch);
  const heap: number[] = [];
  const rss: number[] = [];
  let buffersPerStep = 0;
  for (let epoch = 0; epoch < w.memory.epochs; epoch++) {
    const before = bufferPoolStats().misses;
    for (let s = 0; s < steps; s++) step();
    if (epoch === w.memory.epochs - 1) buffersPerStep = (bufferPoolStats().misses - before) / steps;
    gc();
    heap.push(process.memoryUsage().heapUsed / MB);
    rss.push(process.memoryUsage().rss / MB);
  }
  const heapBytesPerStep = await allocatedPerStep(step, 100);
  return {
    epochs: w.memory.epochs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapFirstMb: heap[0]!,
    heapLastMb: heap[heap.length - 1]!,
    rssFirstMb: rss[0]!,
    rssLastMb: rss[rss.length - 1]!,
    heapBytesPerStep,
    buffersPerStep,
  };
}

/** JS heap bytes `steps` calls of `step` allocate, per call, from V8's sampling heap profiler. */
async function allocatedPerStep(step: () => unknown, steps: number): Promise<number> {
  const session = new Session();
  session.connect();
  try {
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 512,
      includeObjectsCollectedByMinorGC: true,
      includeObjectsCollectedByMajorGC: true,
    });
    for (let s = 0; s < steps; s++) step();
    const { profile } = await session.post('HeapProfiler.stopSampling');
    let total = 0;
    const visit = (node: { selfSize: number; children: (typeof node)[] }): void => {
      total += node.selfSize;
      node.children.forEach(visit);
    };
    visit(profile.head);
    return total / steps;
  } finally {
    session.disconnect();
  }
}
