import type { MatmulOptions, Tensor } from '@nabla/tensor';
import * as raw from '@nabla/tensor';
import { type OpDef, operands, recording, result } from '../node.js';
import type { Variable } from '../variable.js';

/** The four flag combinations, shared so that recording a matmul allocates no options object. */
const FLAGS: readonly Required<MatmulOptions>[] = [
  { transposeA: false, transposeB: false },
  { transposeA: false, transposeB: true },
  { transposeA: true, transposeB: false },
  { transposeA: true, transposeB: true },
];
const TA = FLAGS[2]!;
const TB = FLAGS[1]!;
const TATB = FLAGS[3]!;

function dropAxis(shape: readonly number[], axis: number): number[] {
  const out = [...shape];
  out.splice(shape.length + axis, 1);
  return out;
}

const MATMUL: OpDef<Required<MatmulOptions>> = {
  name: 'matmul',
  backward: (o, g, n) => {
    const a = n.input(0);
    const b = n.input(1);
    let A = o.lift(a);
    let B = o.lift(b);
    // A vector operand is a 1×k (left) or k×1 (right) matrix whose axis the output dropped:
    // restore those axes so one set of formulas covers every case. Flags ignore vectors.
    const aVec = a.rank === 1;
    const bVec = b.rank === 1;
    let G = g;
    if (aVec || bVec) {
      const gs = [...o.shape(g)];
      if (bVec) gs.push(1);
      if (aVec) gs.splice(gs.length - 1, 0, 1);
      G = o.reshape(g, gs);
      if (aVec) A = o.reshape(A, [1, a.shape[0]!]);
      if (bVec) B = o.reshape(B, [b.shape[0]!, 1]);
    }
    const ta = n.saved.transposeA && !aVec;
    const tb = n.saved.transposeB && !bVec;
    // C = op(A)·op(B): d op(A) = G·op(B)ᵀ and d op(B) = op(A)ᵀ·G, each transposed back when the
    // flag was set. Every product reads its operands through flags: nothing is transposed in memory.
    // Batch axes that were broadcast are summed back by the engine.
    let ga: typeof g | null = null;
    let gb: typeof g | null = null;
    if (n.needs(0)) {
      if (ta) ga = o.matmul(B, G, tb ? TATB : TB);
      else ga = tb ? o.matmul(G, B) : o.matmul(G, B, TB);
    }
    if (n.needs(1)) {
      if (tb) gb = o.matmul(G, A, ta ? TATB : TA);
      else gb = ta ? o.matmul(A, G) : o.matmul(A, G, TA);
    }
    // Drop the restored vector axes again; the engine then sums any batch axes away.
    if (aVec && ga !== null) ga = o.reshape(ga, dropAxis(o.shape(ga), -2));
    if (bVec && gb !== null) gb = o.reshape(gb, dropAxis(o.shape(gb), -1));
    return [ga, gb];
  },
};

/**
 * Matrix product with PyTorch's rules (batched, batch axes broadcast, vectors allowed) and
 * free transposes of either operand's last two axes. A primitive for speed: as broadcast-multiply
 * plus sum it would materialise an `m × k × n` temporary.
 */
export function matmul(
  a: Variable | Tensor,
  b: Variable | Tensor,
  options: MatmulOptions = {},
): Variable {
  const inputs = operands('matmul', a, b);
  const [va, vb] = inputs;
  const flags = FLAGS[(options.transposeA ? 2 : 0) + (options.transposeB ? 1 : 0)]!;
  const out = raw.matmul(va.data, vb.data, flags);
  return result(MATMUL, out, recording(va, vb), inputs, flags);
}
