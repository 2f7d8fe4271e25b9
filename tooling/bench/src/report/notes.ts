// The prose of docs/performance.md that does not come from one run's figures: how the figures
// are measured, what limits those that fall short, and where threads stand. Kept here so that
// regenerating the page keeps it.

export const METHOD = `- One process per engine and configuration (Nabla plain SIMD, Nabla relaxed SIMD, Nabla with
  TypeScript kernels, TF.js cpu, TF.js wasm, PyTorch with 1 and 2 threads), run one after another.
- A full run measures every configuration twice, in two rounds (the second in reverse order), each
  process taking 5 samples after a warm-up sample; a figure is the median of the 10 samples (5 in
  a \`--quick\` run, one round). The JSON keeps every sample and the best one. On a shared machine
  the median moves with other load (the load average is in the machine line); ratios from one run
  hold better than absolute figures.
- MNIST MLP: 784-256-128-10, ReLU, softmax cross-entropy, Adam (lr 1e-3), batch 128, float32, on
  the 10,000 training digits of \`loadMnistSample()\`, every engine in the same batch order (a
  seeded permutation). Minibatch assembly (gathering 128 rows) and the optimizer step are inside
  the timed step. Nabla copies the rows into one reused input tensor; TF.js gathers with
  \`tf.gather\` inside \`tf.tidy\`; PyTorch indexes (\`x[idx]\`).
- Tiny network: 2-8-8-1 tanh, sigmoid + binary cross-entropy from logits, SGD (lr 0.03), batch 10.
- matmul: \`matmul(a, b, { transposeA, transposeB })\` on float32 tensors, the result released
  to the buffer pool (as a training step's temporaries are); TF.js \`tf.matMul(a, b, transA,
  transB)\` then \`dispose()\`; PyTorch \`torch.mm\` on transposed views. GFLOP/s = 2·m·k·n / time.
- Per-op overhead: \`add(a, b)\` of two 8-element float32 vectors, µs per call.
- Memory: a separate Nabla process started with \`--expose-gc\` trains the MNIST MLP for the stated
  number of epochs; the live heap and RSS are read after a full GC at the end of each epoch.`;

/** Why a target is missed, keyed by the start of its text in targets.ts. */
export const LIMITS: Record<string, string> = {
  'matmul (128,784,256) ≥ 40': `A CPU profile of the plain-SIMD product at this shape (V8's sampling
profiler, every layout alike) puts 87% of the time in the 4×8 register tile, ~5% in copying the
operands into WebAssembly memory and the result out, and ~5% in packing (B ~3%, A ~2%): the tile
is the limit. It issues 25 instructions per 8 multiply-adds (2 loads, 4 broadcasts, 8 multiplies,
8 adds, the loop's 3), so Zen 4's 6-wide dispatch caps it near 55 GFLOP/s; a larger tile needs
more than V8's 15 SIMD registers (it spills). With other processes on both cores, the fastest of
hundreds of single products measured 39-43 GFLOP/s per layout while the medians fell to 38-40
(compare the engine's CPU share below).`,
  'matmul (128,784,256) ≥ 48': `Relaxed SIMD's fused multiply-add halves the floating-point instructions (V8 11.3 compiles
the inner loop to exactly 2 loads, 4 broadcasts and 8 \`vfmadd231ps\`, read off
\`--print-wasm-code\`), but both variants are bound by Zen 4's two multiply-capable pipes: ~58
GFLOP/s for 128-bit vectors at this clock, ~54 for the kernel alone, 45-47 for the whole product
at this size once packing and the copies into and out of WebAssembly memory are paid. A 3×12 FMA
tile (9 accumulators, 3 B vectors, 3 broadcasts: 15 registers, no spill) measured the same as the
4×8 one. Keeping tensors in WebAssembly memory (no copies) would close most of the remaining gap.`,
  'matmul (128,784,256) ≥ 80': `Two threads need two idle cores: on this 2-core machine any other
process takes CPU from one of them (see the engine's CPU share, at most 2.0). Beyond that, only the
calling thread can copy the operands into the shared memory and the result out, and V8 copies into
a SharedArrayBuffer word by word (~15 GB/s here, against ~37 GB/s into private memory): ~80 µs of
a ~600 µs two-thread product at this shape. The helper starts once B is in (it packs B while A is
copied) and the caller takes a smaller block to make up for its copying; what remains is the
copying itself, each thread packing all of A for its columns, and the hand-over. Keeping tensors in
shared WebAssembly memory would remove the copies.`,
  'MNIST MLP ≥ 32,000': `The step is ~75% matrix products (129 MFLOP per step at 45-50 GFLOP/s is ~2.7 ms), the
rest Adam's update (one WebAssembly pass, ~0.3 ms), ReLU, cross-entropy, copies into and out of
WebAssembly memory and the autograd bookkeeping. Figures under load from other processes fall
below what the same code does on a quiet machine (compare the best sample in the JSON).`,
  'MNIST MLP ≥ 0.5×': `PyTorch's OpenBLAS SGEMM runs at ~100 GFLOP/s per core (AVX-512 FMA on 512-bit registers)
against WebAssembly's 128-bit SIMD at ~45-58; the products are most of the step.`,
  'MNIST MLP ≥ 10×': `TF.js wasm's figure moves with load as much as Nabla's; see the ratio table.`,
  'tiny 2-8-8-1 ≥ 50,000': `A 2-8-8-1 step is ~25 ops, each a Tensor, a Variable, a graph node and a kernel call; at
~0.5 µs per recorded op the step costs ~13 µs on a quiet core. Under load the median drops.`,
  'tiny 2-8-8-1 ≥ 10×': `A Nabla step is ~25 recorded ops at ~0.5 µs each (a Tensor, a Variable, a graph node, the
kernel call, 160 Math.tanh calls): ~14 µs. PyTorch 1.13 runs this step here at ~8,500 steps/s
(the peers' notes measured 5,047), so 10× needs ~12 µs. What is left is object creation per op;
fusing the layer's linear + tanh into one recorded op would remove a third of them.`,
  'per-op overhead': `An op allocates its result's Tensor and (for 8 floats) a small typed array on the V8
heap; the checks and the kernel call cost ~50 ns.`,
};

export const THREADS = `\`setNumThreads(n)\` (default 1) lets a float32 product of at least
\`THREADED_MIN_MULADDS\` multiply-adds be shared with n − 1 helper workers over a shared
WebAssembly memory: the calling thread copies the operands in, posts each helper its block of
output columns (or rows), computes its own block, waits on \`Atomics.wait\` and copies the
result out; the result equals the one-thread product bit for bit. The 2-thread columns
(\`nabla-simd-2t\`, \`nabla-relaxed-2t\`) are the same engines with \`setNumThreads(2)\`; their
CPU share counts both threads (up to 2.0). What a second thread cannot speed up is the copying
into and out of WebAssembly memory and everything outside the products (Adam, ReLU, the loss,
autograd), which stay on the calling thread. The default is 1 thread: a second one pays only on an
otherwise idle core.`;
