// Trains both determinism runs in this process and prints their digests as one JSON line.
//
//   node train-child.mjs <short|long> <seed>
import { mnistDigest, SIZES, spiralDigest } from './recipes.mjs';

const [mode, seed] = [process.argv[2], Number(process.argv[3])];
const size = SIZES[mode];
if (size === undefined || !Number.isInteger(seed)) {
  throw new Error('usage: node train-child.mjs <short|long> <seed>');
}
const mnist = await mnistDigest(size, seed);
const spiral = await spiralDigest(size, seed);
process.stdout.write(`${JSON.stringify({ pid: process.pid, mnist, spiral })}\n`);
