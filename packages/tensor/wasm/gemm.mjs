// The float32 matrix product in WebAssembly text, generated for two instruction sets: plain SIMD
// (f32x4 multiply, then add) and relaxed SIMD (fused multiply-add, `f32x4.relaxed_madd`).
//
// C = op(A)·op(B), A m×k, B k×n, row-major, either transposed in storage. A GotoBLAS-style
// product sized for V8: both operands are packed into panels, so every layout runs the same inner
// loop (a transposed operand costs nothing but its pack), and the inner loop keeps an MR×NR tile
// of C in f32x4 accumulators. V8 keeps SIMD values in 15 registers and hoists the loop's loads,
// so the broadcast A values are live next to the accumulators and the B vectors:
// a 4×8 tile's 8 accumulators, 2 B vectors and 4 broadcasts (+ a product temporary without FMA)
// fit; 6×8, 8×8, 4×16, or unrolling K by 2, spill (24-45 GFLOP/s against ~50 on a Zen 4 core).
// Both variants use 4×8. Zen 4 issues two FP multiplies (or FMAs) and two FP adds per cycle, so
// multiply-then-add already runs at the FMA rate and relaxed SIMD gains nothing there: a 3×12
// FMA tile (9 accumulators + 3 B vectors + 3 broadcasts = 15 registers, no spill) measured the
// same as both 4×8 variants (~47 GFLOP/s at (128,784,256), ~50 at 256³). The code keeps MR and NR
// as parameters for CPUs where FMA does pay (adds on the FMA ports: 2× there).
//
// Packed layouts (all byte addresses into the one linear memory):
//   A block (rows ic.., cols pc.., mc×kc):  panel of MR rows, then p, then the MR rows: [mc/MR][kc][MR]
//   B (whole, k×n):                         panel of NR columns, then p, then NR:     [n/NR][k][NR]
// Rows past m and columns past n are packed as zeros, so edge tiles need no special inner loop;
// they are computed into an MR×NR scratch tile and only their valid part is written to C.

/** The register tile of each variant (rows of A × columns of B); gemm.ts must agree. */
export const TILES = { simd: { mr: 4, nr: 8 }, relaxed: { mr: 4, nr: 8 } };

/** `a·b + c` on f32x4 values, in the instruction set of the variant. */
const madd = (relaxed, a, b, c) =>
  relaxed ? `(f32x4.relaxed_madd ${a} ${b} ${c})` : `(f32x4.add ${c} (f32x4.mul ${a} ${b}))`;

/** i8x16.shuffle taking 32-bit lanes: indices 0-3 pick from x, 4-7 from y. */
const shuffle32 = (lanes, x, y) =>
  `(i8x16.shuffle ${lanes.flatMap((l) => [0, 1, 2, 3].map((b) => l * 4 + b)).join(' ')} ${x} ${y})`;

const range = (n) => Array.from({ length: n }, (_, i) => i);
const get = (name) => `(local.get $${name})`;

/**
 * Transposes four f32x4 rows r0..r3 into columns c0..c3 (c_q = [r0[q], r1[q], r2[q], r3[q]])
 * with eight shuffles, through t0..t3.
 */
const transpose4 = () => `
    (local.set $t0 ${shuffle32([0, 4, 1, 5], get('r0'), get('r1'))})
    (local.set $t1 ${shuffle32([2, 6, 3, 7], get('r0'), get('r1'))})
    (local.set $t2 ${shuffle32([0, 4, 1, 5], get('r2'), get('r3'))})
    (local.set $t3 ${shuffle32([2, 6, 3, 7], get('r2'), get('r3'))})
    (local.set $r0 ${shuffle32([0, 1, 4, 5], get('t0'), get('t2'))})
    (local.set $r1 ${shuffle32([2, 3, 6, 7], get('t0'), get('t2'))})
    (local.set $r2 ${shuffle32([0, 1, 4, 5], get('t1'), get('t3'))})
    (local.set $r3 ${shuffle32([2, 3, 6, 7], get('t1'), get('t3'))})`;

const transposeLocals =
  '(local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)';

/**
 * The micro-kernel: C tile (MR×NR at `c`, rows `ldc` bytes apart) = the product of a packed A
 * panel (kc×MR) and a packed B panel (kc×NR), plus MR rows of NR floats read from `add`, rows
 * `addStride` bytes apart: C itself to accumulate over K blocks, a bias row with stride 0, or a
 * row of zeros. kc ≥ 1.
 */
function tile(relaxed, { mr, nr }) {
  const vectors = nr / 4;
  const acc = range(mr).flatMap((i) => range(vectors).map((v) => `c${i}${v}`));
  const loadsB = range(vectors)
    .map(
      (v) => `
      (local.set $b${v} (v128.load offset=${v * 16} (local.get $pb)))`,
    )
    .join('');
  const rows = range(mr)
    .map(
      (i) => `
      (local.set $a (v128.load32_splat offset=${i * 4} (local.get $pa)))${range(vectors)
        .map(
          (v) => `
      (local.set $c${i}${v} ${madd(relaxed, get('a'), get(`b${v}`), get(`c${i}${v}`))})`,
        )
        .join('')}`,
    )
    .join('');
  const stores = range(mr)
    .map(
      (i) => `${range(vectors)
        .map(
          (v) => `
    (local.set $c${i}${v} (f32x4.add (local.get $c${i}${v}) (v128.load offset=${v * 16} (local.get $add))))`,
        )
        .join('')}
    (local.set $add (i32.add (local.get $add) (local.get $addStride)))${range(vectors)
      .map(
        (v) => `
    (v128.store offset=${v * 16} (local.get $c) (local.get $c${i}${v}))`,
      )
      .join('')}
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))`,
    )
    .join('');
  return `
  (func $tile (param $pa i32) (param $pb i32) (param $kc i32) (param $c i32) (param $ldc i32)
              (param $add i32) (param $addStride i32)
    ${acc.map((x) => `(local $${x} v128)`).join(' ')}
    (local $a v128) ${range(vectors)
      .map((v) => `(local $b${v} v128)`)
      .join(' ')} (local $end i32)
    (local.set $end (i32.add (local.get $pb) (i32.mul (local.get $kc) (i32.const ${nr * 4}))))
    (loop $p${loadsB}${rows}
      (local.set $pa (i32.add (local.get $pa) (i32.const ${mr * 4})))
      (local.set $pb (i32.add (local.get $pb) (i32.const ${nr * 4})))
      (br_if $p (i32.lt_u (local.get $pb) (local.get $end))))${stores})`;
}

/**
 * Packs columns j0..j1 of op(B) (j0 a multiple of NR) into [(j1-j0)/NR][k][NR]. Stored k×n
 * (`trans` 0) each p-row of a panel is NR/4 vector copies; stored n×k (`trans` 1) four p-rows of
 * four columns are one 4×4 transpose.
 */
const packB = (nr) => `
  (func $packB (param $b i32) (param $k i32) (param $n i32) (param $trans i32) (param $dst i32)
               (param $j0 i32) (param $j1 i32)
    (local $j i32) (local $p i32) (local $jj i32) (local $nr i32) (local $src i32) (local $v f32)
    ${transposeLocals}
    (local.set $j (local.get $j0))
    (block $done (loop $panels
      (br_if $done (i32.ge_u (local.get $j) (local.get $j1)))
      (local.set $nr (i32.sub (local.get $j1) (local.get $j)))
      (local.set $p (i32.const 0))
      (if (i32.and (i32.ge_u (local.get $nr) (i32.const ${nr})) (i32.eqz (local.get $trans)))
        (then
          ;; B(p, j..j+NR) is contiguous: NR/4 vector copies per p.
          (local.set $src (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
          (loop $rows
${range(nr / 4)
  .map(
    (v) => `
            (v128.store offset=${v * 16} (local.get $dst) (v128.load offset=${v * 16} (local.get $src)))`,
  )
  .join('')}
            (local.set $src (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 2))))
            (local.set $dst (i32.add (local.get $dst) (i32.const ${nr * 4})))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br_if $rows (i32.lt_u (local.get $p) (local.get $k))))
          (local.set $p (local.get $k))))
      (if (i32.and (i32.ge_u (local.get $nr) (i32.const ${nr})) (local.get $trans))
        (then
          ;; Columns j..j+NR of op(B) are rows of the stored B: transpose 4×4 blocks.
          (block $tail (loop $quads
            (br_if $tail (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $k)))
            (local.set $jj (i32.const 0))
            (loop $halves
              (local.set $src (i32.shl (i32.add (i32.mul (i32.add (local.get $j) (local.get $jj)) (local.get $k)) (local.get $p)) (i32.const 2)))
              (local.set $src (i32.add (local.get $b) (local.get $src)))
              (local.set $r0 (v128.load (local.get $src)))
              (local.set $src (i32.add (local.get $src) (i32.shl (local.get $k) (i32.const 2))))
              (local.set $r1 (v128.load (local.get $src)))
              (local.set $src (i32.add (local.get $src) (i32.shl (local.get $k) (i32.const 2))))
              (local.set $r2 (v128.load (local.get $src)))
              (local.set $src (i32.add (local.get $src) (i32.shl (local.get $k) (i32.const 2))))
              (local.set $r3 (v128.load (local.get $src)))${transpose4()}
              (local.set $src (i32.add (local.get $dst) (i32.shl (local.get $jj) (i32.const 2))))
              (v128.store (local.get $src) (local.get $r0))
              (v128.store offset=${nr * 4} (local.get $src) (local.get $r1))
              (v128.store offset=${nr * 8} (local.get $src) (local.get $r2))
              (v128.store offset=${nr * 12} (local.get $src) (local.get $r3))
              (local.set $jj (i32.add (local.get $jj) (i32.const 4)))
              (br_if $halves (i32.lt_u (local.get $jj) (i32.const ${nr}))))
            (local.set $dst (i32.add (local.get $dst) (i32.const ${nr * 16})))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $quads)))))
      ;; What is left (a partial panel, or the last p-rows of a transposed one): one float at a
      ;; time, zeros past j1.
      (block $end (loop $rest
        (br_if $end (i32.ge_u (local.get $p) (local.get $k)))
        (local.set $jj (i32.const 0))
        (loop $cols
          (local.set $v (f32.const 0))
          (if (i32.lt_u (local.get $jj) (local.get $nr))
            (then
              (local.set $src
                (if (result i32) (local.get $trans)
                  (then (i32.add (i32.mul (i32.add (local.get $j) (local.get $jj)) (local.get $k)) (local.get $p)))
                  (else (i32.add (i32.mul (local.get $p) (local.get $n)) (i32.add (local.get $j) (local.get $jj))))))
              (local.set $v (f32.load (i32.add (local.get $b) (i32.shl (local.get $src) (i32.const 2)))))))
          (f32.store (i32.add (local.get $dst) (i32.shl (local.get $jj) (i32.const 2))) (local.get $v))
          (local.set $jj (i32.add (local.get $jj) (i32.const 1)))
          (br_if $cols (i32.lt_u (local.get $jj) (i32.const ${nr}))))
        (local.set $dst (i32.add (local.get $dst) (i32.const ${nr * 4})))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $rest)))
      (local.set $j (i32.add (local.get $j) (i32.const ${nr})))
      (br $panels))))`;

/**
 * packA's vector paths (see packA), for MR = 4 (another MR packs one float at a time: correct,
 * slower). Stored k×m, the MR rows at one p are one vector; stored m×k, four p-columns of the MR
 * rows are one 4×4 transpose.
 */
const vectorPacksA = (mr) =>
  mr !== 4
    ? ''
    : `
      (if (i32.and (i32.ge_u (local.get $mr) (i32.const ${mr})) (local.get $trans))
        (then
          ;; A(i..i+MR, p) is contiguous in the stored k×m matrix.
          (local.set $src (i32.add (local.get $a) (i32.shl
            (i32.add (i32.mul (local.get $p0) (local.get $m)) (i32.add (local.get $i0) (local.get $i)))
            (i32.const 2))))
          (loop $cols
            (v128.store (local.get $dst) (v128.load (local.get $src)))
            (local.set $src (i32.add (local.get $src) (i32.shl (local.get $m) (i32.const 2))))
            (local.set $dst (i32.add (local.get $dst) (i32.const ${mr * 4})))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br_if $cols (i32.lt_u (local.get $p) (local.get $kc))))))
      (if (i32.and (i32.ge_u (local.get $mr) (i32.const ${mr})) (i32.eqz (local.get $trans)))
        (then
          (block $tail (loop $quads
            (br_if $tail (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $kc)))
            (local.set $src (i32.add (local.get $a) (i32.shl
              (i32.add (i32.mul (i32.add (local.get $i0) (local.get $i)) (local.get $k)) (i32.add (local.get $p0) (local.get $p)))
              (i32.const 2))))
            (local.set $r0 (v128.load (local.get $src)))
            (local.set $src (i32.add (local.get $src) (i32.shl (local.get $k) (i32.const 2))))
            (local.set $r1 (v128.load (local.get $src)))
            (local.set $src (i32.add (local.get $src) (i32.shl (local.get $k) (i32.const 2))))
            (local.set $r2 (v128.load (local.get $src)))
            (local.set $src (i32.add (local.get $src) (i32.shl (local.get $k) (i32.const 2))))
            (local.set $r3 (v128.load (local.get $src)))${transpose4()}
            (v128.store (local.get $dst) (local.get $r0))
            (v128.store offset=${mr * 4} (local.get $dst) (local.get $r1))
            (v128.store offset=${mr * 8} (local.get $dst) (local.get $r2))
            (v128.store offset=${mr * 12} (local.get $dst) (local.get $r3))
            (local.set $dst (i32.add (local.get $dst) (i32.const ${mr * 16})))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $quads)))))`;

/** Packs the block of A at rows i0..i0+mc, columns p0..p0+kc into [mc/MR][kc][MR]. */
const packA = (mr) => `
  (func $packA (param $a i32) (param $m i32) (param $k i32) (param $trans i32)
               (param $i0 i32) (param $mc i32) (param $p0 i32) (param $kc i32) (param $dst i32)
    (local $i i32) (local $p i32) (local $ii i32) (local $mr i32) (local $src i32) (local $v f32)
    ${transposeLocals}
    (local.set $i (i32.const 0))
    (block $done (loop $panels
      (br_if $done (i32.ge_u (local.get $i) (local.get $mc)))
      (local.set $mr (i32.sub (local.get $mc) (local.get $i)))
      (local.set $p (i32.const 0))
${vectorPacksA(mr)}
      (block $end (loop $rest
        (br_if $end (i32.ge_u (local.get $p) (local.get $kc)))
        (local.set $ii (i32.const 0))
        (loop $rows
          (local.set $v (f32.const 0))
          (if (i32.lt_u (local.get $ii) (local.get $mr))
            (then
              (local.set $src
                (if (result i32) (local.get $trans)
                  (then (i32.add (i32.mul (i32.add (local.get $p0) (local.get $p)) (local.get $m))
                                 (i32.add (i32.add (local.get $i0) (local.get $i)) (local.get $ii))))
                  (else (i32.add (i32.mul (i32.add (i32.add (local.get $i0) (local.get $i)) (local.get $ii)) (local.get $k))
                                 (i32.add (local.get $p0) (local.get $p))))))
              (local.set $v (f32.load (i32.add (local.get $a) (i32.shl (local.get $src) (i32.const 2)))))))
          (f32.store (i32.add (local.get $dst) (i32.shl (local.get $ii) (i32.const 2))) (local.get $v))
          (local.set $ii (i32.add (local.get $ii) (i32.const 1)))
          (br_if $rows (i32.lt_u (local.get $ii) (i32.const ${mr}))))
        (local.set $dst (i32.add (local.get $dst) (i32.const ${mr * 4})))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $rest)))
      (local.set $i (i32.add (local.get $i) (i32.const ${mr})))
      (br $panels))))`;

/**
 * The product, plus a bias row: C = op(A)·op(B) + bias, on the output block of rows
 * rowStart..rowEnd and columns colStart..colEnd (starts multiples of MR and NR; ends multiples
 * of them, or m and n), so threads can share one product: every element is computed by the same
 * instructions in the same order whatever the block, so a split product equals the whole one bit
 * for bit. `a`, `b`: the operands as stored; `c`: m×n output; `bias`: n floats added to every
 * row, or 0 for none; `pa`: room for one packed A block (mc×kc, mc rounded up to MR); `pb`: room
 * for the block's packed B (k × its columns rounded up to NR); `scratch`: an MR×NR tile for
 * edges, after NR·4 bytes for a row of zeros. The caller picks the block sizes `kcMax`
 * (cache-resident B panel) and `mcMax` (cache-resident A block, a multiple of MR). `ready`: in
 * the shared-memory variant, the address of a flag to wait for before reading A (0: read at
 * once); ignored otherwise. k ≥ 1.
 */
const gemm = (mr, nr, shared) => {
  // A helper thread starts on B while the caller is still copying A in: with a shared memory,
  // a non-zero \`ready\` is the address of a flag the caller sets (and notifies) once A and the
  // bias are in place; the helper waits on it after packing B.
  const waitForA = shared
    ? `
    (if (local.get $ready) (then
      (block $go (loop $wait
        (br_if $go (i32.atomic.load (local.get $ready)))
        (drop (memory.atomic.wait32 (local.get $ready) (i32.const 0) (i64.const -1)))
        (br $wait)))))`
    : '';
  return `
  (func (export "gemm")
    (param $a i32) (param $b i32) (param $c i32) (param $m i32) (param $k i32) (param $n i32)
    (param $transA i32) (param $transB i32) (param $bias i32) (param $pa i32) (param $pb i32)
    (param $scratch i32) (param $kcMax i32) (param $mcMax i32)
    (param $rowStart i32) (param $rowEnd i32) (param $colStart i32) (param $colEnd i32)
    (param $ready i32)
    (local $p0 i32) (local $kc i32) (local $i0 i32) (local $mc i32) (local $j i32) (local $i i32)
    (local $acc i32) (local $panelB i32) (local $panelA i32) (local $ldc i32) (local $mr i32) (local $nr i32)
    (local $r i32) (local $q i32) (local $dst i32) (local $at i32) (local $v f32)
    (local $zeros i32) (local $add i32) (local $addStride i32)
    ;; The zero row before the scratch tile: written here, since other kernels share the memory.
    (local.set $zeros (i32.sub (local.get $scratch) (i32.const ${nr * 4})))${range(nr / 4)
      .map(
        (v) => `
    (v128.store offset=${v * 16} (local.get $zeros) (v128.const i32x4 0 0 0 0))`,
      )
      .join('')}
    (call $packB (local.get $b) (local.get $k) (local.get $n) (local.get $transB) (local.get $pb)
                 (local.get $colStart) (local.get $colEnd))${waitForA}
    (local.set $ldc (i32.shl (local.get $n) (i32.const 2)))
    (local.set $p0 (i32.const 0))
    (loop $kBlocks
      (local.set $kc (i32.sub (local.get $k) (local.get $p0)))
      (if (i32.gt_u (local.get $kc) (local.get $kcMax)) (then (local.set $kc (local.get $kcMax))))
      (local.set $acc (i32.ne (local.get $p0) (i32.const 0)))
      (local.set $i0 (local.get $rowStart))
      (loop $mBlocks
        (local.set $mc (i32.sub (local.get $rowEnd) (local.get $i0)))
        (if (i32.gt_u (local.get $mc) (local.get $mcMax)) (then (local.set $mc (local.get $mcMax))))
        (call $packA (local.get $a) (local.get $m) (local.get $k) (local.get $transA)
                     (local.get $i0) (local.get $mc) (local.get $p0) (local.get $kc) (local.get $pa))
        (local.set $j (local.get $colStart))
        (loop $nPanels
          (local.set $nr (i32.sub (local.get $colEnd) (local.get $j)))
          (local.set $panelB (i32.add (local.get $pb)
            (i32.shl (i32.add (i32.mul (i32.sub (local.get $j) (local.get $colStart)) (local.get $k))
                              (i32.mul (local.get $p0) (i32.const ${nr}))) (i32.const 2))))
          (local.set $i (i32.const 0))
          (loop $mPanels
            (local.set $mr (i32.sub (local.get $mc) (local.get $i)))
            (local.set $panelA (i32.add (local.get $pa) (i32.shl (i32.mul (local.get $i) (local.get $kc)) (i32.const 2))))
            (local.set $dst (i32.add (local.get $c)
              (i32.shl (i32.add (i32.mul (i32.add (local.get $i0) (local.get $i)) (local.get $n)) (local.get $j)) (i32.const 2))))
            (if (i32.and (i32.ge_u (local.get $mr) (i32.const ${mr})) (i32.ge_u (local.get $nr) (i32.const ${nr})))
              (then
                ;; Later K blocks add to C; the first adds the bias row (or zeros).
                (if (local.get $acc)
                  (then (local.set $add (local.get $dst)) (local.set $addStride (local.get $ldc)))
                  (else
                    (local.set $addStride (i32.const 0))
                    (local.set $add (if (result i32) (local.get $bias)
                      (then (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))
                      (else (local.get $zeros))))))
                (call $tile (local.get $panelA) (local.get $panelB) (local.get $kc)
                            (local.get $dst) (local.get $ldc) (local.get $add) (local.get $addStride)))
              (else
                ;; An edge tile: compute all of it into the scratch tile, write the valid part.
                (call $tile (local.get $panelA) (local.get $panelB) (local.get $kc)
                            (local.get $scratch) (i32.const ${nr * 4}) (local.get $zeros) (i32.const 0))
                (if (i32.gt_u (local.get $mr) (i32.const ${mr})) (then (local.set $mr (i32.const ${mr}))))
                (if (i32.gt_u (local.get $nr) (i32.const ${nr})) (then (local.set $nr (i32.const ${nr}))))
                (local.set $r (i32.const 0))
                (loop $rows
                  (local.set $q (i32.const 0))
                  (loop $cols
                    (local.set $v (f32.load (i32.add (local.get $scratch)
                      (i32.shl (i32.add (i32.mul (local.get $r) (i32.const ${nr})) (local.get $q)) (i32.const 2)))))
                    (local.set $at (i32.add (local.get $dst)
                      (i32.add (i32.mul (local.get $r) (local.get $ldc)) (i32.shl (local.get $q) (i32.const 2)))))
                    (if (local.get $acc)
                      (then (local.set $v (f32.add (local.get $v) (f32.load (local.get $at)))))
                      (else (if (local.get $bias) (then (local.set $v (f32.add (local.get $v)
                        (f32.load (i32.add (local.get $bias)
                          (i32.shl (i32.add (local.get $j) (local.get $q)) (i32.const 2))))))))))
                    (f32.store (local.get $at) (local.get $v))
                    (local.set $q (i32.add (local.get $q) (i32.const 1)))
                    (br_if $cols (i32.lt_u (local.get $q) (local.get $nr))))
                  (local.set $r (i32.add (local.get $r) (i32.const 1)))
                  (br_if $rows (i32.lt_u (local.get $r) (local.get $mr))))
                (local.set $nr (i32.sub (local.get $colEnd) (local.get $j)))))
            (local.set $i (i32.add (local.get $i) (i32.const ${mr})))
            (br_if $mPanels (i32.lt_u (local.get $i) (local.get $mc))))
          (local.set $j (i32.add (local.get $j) (i32.const ${nr})))
          (br_if $nPanels (i32.lt_u (local.get $j) (local.get $colEnd))))
        (local.set $i0 (i32.add (local.get $i0) (local.get $mc)))
        (br_if $mBlocks (i32.lt_u (local.get $i0) (local.get $rowEnd))))
      (local.set $p0 (i32.add (local.get $p0) (local.get $kc)))
      (br_if $kBlocks (i32.lt_u (local.get $p0) (local.get $k)))))`;
};

/** The product's functions, for the module text (wasm/kernels.mjs). */
export function gemmWat({ relaxed, shared }) {
  const shape = relaxed ? TILES.relaxed : TILES.simd;
  return [
    tile(relaxed, shape),
    packB(shape.nr),
    packA(shape.mr),
    gemm(shape.mr, shape.nr, shared),
  ].join('\n');
}
