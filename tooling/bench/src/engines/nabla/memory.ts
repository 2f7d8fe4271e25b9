import { bufferPoolStats } from '@nabla/tensor';
import { type MnistData, stepsPerEpoch } from '../../data.js';
import type { MemoryResult } from '../../results.js';
import type { Workloads } from '../../workloads.js';
import { mnistTrainer } from './mnist.js';

const MB = 1024 * 1024;

/**
 * Trains the MNIST MLP for `epochs` epochs in a process started with --expose-gc, recording the
 * live heap (after a full GC) and RSS after each epoch, the JS heap allocated per step, and how
 * many typed-array buffers a step allocates (those the buffer pool could not supply).
 */
export function memoryRun(data: MnistData, w: Workloads): MemoryResult {
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
  // Bytes a step allocates on the JS heap: between two full GCs, over few enough steps that no
  // scavenge runs in between (a young generation holds megabytes; a step allocates kilobytes).
  gc();
  const h0 = process.memoryUsage().heapUsed;
  const probe = 10;
  for (let s = 0; s < probe; s++) step();
  const heapBytesPerStep = (process.memoryUsage().heapUsed - h0) / probe;
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
