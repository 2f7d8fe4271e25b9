// Class probabilities from a model's logits, in evaluation mode and without recording a graph.
import { noGrad } from '@nabla/autograd';
import type { Module } from '@nabla/nn';
import { softmax, Tensor } from '@nabla/tensor';

/** [n, classes] probabilities for the (already normalised) inputs x [n, features]. */
export function predictProbabilities(model: Module, x: Tensor, batchSize = 1000): Float32Array {
  const n = x.shape[0]!;
  const width = n === 0 ? 0 : x.size / n;
  const wasTraining = model.training;
  model.eval();
  try {
    const parts: Float32Array[] = [];
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      // Rows start..end as a view: batches keep the memory of a big test set flat.
      const rows = new Tensor(x.data.subarray(start * width, end * width), [end - start, width]);
      const logits = noGrad(() => model.forward(rows)).data;
      parts.push(Float32Array.from(softmax(logits, { axis: -1 }).data));
    }
    const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  } finally {
    model.train(wasTraining);
  }
}

/** The `k` most probable classes of row `row`, best first. */
export function topK(
  probabilities: Float32Array,
  classes: number,
  row: number,
  k: number,
): { index: number; probability: number }[] {
  const p = probabilities.subarray(row * classes, (row + 1) * classes);
  return Array.from(p, (probability, index) => ({ index, probability }))
    .sort((a, b) => b.probability - a.probability || a.index - b.index)
    .slice(0, Math.min(k, classes));
}
