// The TensorFlow.js engine process: `node dist/engines/tfjs/main.js '<EngineRequest JSON>'`,
// variant 'cpu' or 'wasm'. The same workloads as Nabla's, written the idiomatic TF.js way:
// variables, tf.tidy, optimizer.minimize.
import { CLASSES, mnistData, PIXELS, stepsPerEpoch, tinyData } from '../../data.js';
import type { EngineResult } from '../../results.js';
import { measure, timeMs } from '../../sampling.js';
import { LAYOUTS, matmulKey } from '../../workloads.js';
import { progress, readRequest, startUsage, writeResult } from '../child.js';
import { loadTf, type Tf } from './load.js';

const request = readRequest();
const w = request.workloads;
const backend = request.variant === 'wasm' ? 'wasm' : 'cpu';
const { tf, info } = await loadTf(backend);
const engine = `tfjs-${backend}`;
const result: EngineResult = {
  engine,
  label: `TF.js ${info.version} ${backend}`,
  info,
};
const settings = { samples: w.samples, warmup: w.warmup };
const usage = startUsage();

/** Dense layers with PyTorch's initial range, as TF.js variables: [in, out] weights, [out] biases. */
function layers(t: Tf, sizes: readonly number[]) {
  const params = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const bound = 1 / Math.sqrt(sizes[i]!);
    params.push({
      w: t.variable(t.randomUniform([sizes[i]!, sizes[i + 1]!], -bound, bound, 'float32', i)),
      b: t.variable(t.randomUniform([sizes[i + 1]!], -bound, bound, 'float32', 100 + i)),
    });
  }
  return params;
}

if (request.run.includes('mnist')) {
  progress(engine, 'MNIST MLP');
  const data = await mnistData();
  const { batch, hidden, lr } = w.mnist;
  const xAll = tf.tensor2d(data.x, [data.count, PIXELS]);
  const yAll = tf.tensor1d(data.y, 'int32');
  const params = layers(tf, [PIXELS, ...hidden, CLASSES]);
  const optimizer = tf.train.adam(lr);
  const perEpoch = stepsPerEpoch(data, batch);
  let step = 0;
  const train = () => {
    const base = (step++ % perEpoch) * batch;
    const idx = tf.tensor1d(data.order.subarray(base, base + batch), 'int32');
    tf.tidy(() => {
      const x = tf.gather(xAll, idx);
      const y = tf.oneHot(tf.gather(yAll, idx), CLASSES);
      optimizer.minimize(() => {
        let h: import('@tensorflow/tfjs').Tensor = x;
        params.forEach((p, i) => {
          h = tf.add(tf.matMul(h, p.w), p.b);
          if (i + 1 < params.length) h = tf.relu(h);
        });
        return tf.losses.softmaxCrossEntropy(y, h) as import('@tensorflow/tfjs').Scalar;
      });
    });
    idx.dispose();
  };
  const msPerStep = measure(
    () =>
      timeMs(() => {
        for (let s = 0; s < w.mnist.stepsPerSample; s++) train();
      }) / w.mnist.stepsPerSample,
    { ...settings, unit: 'ms/step', higherIsBetter: false },
  );
  const f = (ms: number) => (batch * 1000) / ms;
  result.mnist = {
    msPerStep,
    samplesPerSec: {
      median: f(msPerStep.median),
      best: f(msPerStep.best),
      samples: msPerStep.samples.map(f),
      unit: 'samples/s',
    },
    rssMb: process.memoryUsage().rss / 1024 / 1024,
  };
}

if (request.run.includes('tiny')) {
  progress(engine, '2-8-8-1 network');
  const { sizes, batch, lr } = w.tiny;
  const data = tinyData(batch);
  const x = tf.tensor2d(data.x, [batch, 2]);
  const y = tf.tensor2d(data.y, [batch, 1]);
  const params = layers(tf, sizes);
  const optimizer = tf.train.sgd(lr);
  const train = () =>
    tf.tidy(() => {
      optimizer.minimize(() => {
        let h: import('@tensorflow/tfjs').Tensor = x;
        params.forEach((p, i) => {
          h = tf.add(tf.matMul(h, p.w), p.b);
          if (i + 1 < params.length) h = tf.tanh(h);
        });
        return tf.losses.sigmoidCrossEntropy(y, h) as import('@tensorflow/tfjs').Scalar;
      });
    });
  // TF.js is ~30x slower per step than Nabla here: a tenth of the steps per sample.
  const steps = Math.max(50, Math.round(w.tiny.stepsPerSample / 10));
  result.tiny = {
    stepsPerSec: measure(
      () =>
        (steps * 1000) /
        timeMs(() => {
          for (let s = 0; s < steps; s++) train();
        }),
      { ...settings, unit: 'steps/s', higherIsBetter: true },
    ),
  };
}

if (request.run.includes('matmul')) {
  result.matmul = {};
  for (const shape of w.matmul.shapes) {
    const [m, k, n] = shape;
    const flops = 2 * m * k * n;
    // ~30 ms per sample at the speed this backend manages on the plain layout.
    const rate = backend === 'cpu' ? 1e9 : 3e10;
    const reps = Math.max(1, Math.round((0.03 * rate) / flops));
    for (const layout of LAYOUTS) {
      progress(engine, `matmul ${matmulKey(shape, layout)}`);
      const transposeA = layout === 'Aᵀ·B';
      const transposeB = layout === 'A·Bᵀ';
      const a = tf.randomNormal(transposeA ? [k, m] : [m, k], 0, 1, 'float32', 1);
      const b = tf.randomNormal(transposeB ? [n, k] : [k, n], 0, 1, 'float32', 2);
      result.matmul[matmulKey(shape, layout)] = measure(
        () =>
          (flops * reps) /
          timeMs(() => {
            for (let r = 0; r < reps; r++) tf.matMul(a, b, transposeA, transposeB).dispose();
          }) /
          1e6,
        { ...settings, unit: 'GFLOP/s', higherIsBetter: true },
      );
      a.dispose();
      b.dispose();
    }
  }
}

if (request.run.includes('perOp')) {
  progress(engine, 'per-op overhead');
  const n = w.perOp.length;
  const a = tf.tensor1d(Array.from({ length: n }, (_, i) => i));
  const b = tf.tensor1d(Array.from({ length: n }, (_, i) => 2 * i));
  const ops = Math.round(w.perOp.opsPerSample / 10);
  result.perOp = {
    usPerOp: measure(
      () =>
        (timeMs(() => {
          for (let i = 0; i < ops; i++) tf.add(a, b).dispose();
        }) *
          1000) /
        ops,
      { ...settings, unit: 'µs/op', higherIsBetter: false },
    ),
  };
}

result.info.cpuShare = usage();
writeResult(request, result);
