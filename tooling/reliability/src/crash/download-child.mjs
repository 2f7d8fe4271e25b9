// Downloads an MNIST-style data set into a cache directory from a loopback test server, for
// the crash test to kill with SIGKILL mid-download. Prints `done <train size> <test size>`.
//
//   node download-child.mjs <root> <mirror> <checksums as JSON>
import { loadMnist } from '@nabla/datasets/node';

const [root, mirror, checksums] = process.argv.slice(2);
const data = await loadMnist({
  root,
  download: true,
  mirrors: [mirror],
  checksums: JSON.parse(checksums),
  allowLoopbackHttp: true,
  retries: 0,
  timeoutMs: 10_000,
});
process.stdout.write(`done ${data.train.y.size} ${data.test.y.size}\n`);
