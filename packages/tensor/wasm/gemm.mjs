// The float32 matrix product in WebAssembly text, generated for two instruction sets: plain SIMD
// (f32x4 multiply, then add) and relaxed SIMD (fused multiply-add, `f32x4.relaxed_madd`). The
// only difference is the `madd` below; everything else is one text.
//
// C = op(A)·op(B), A m×k, B k×n, row-major, either transposed in storage. A GotoBLAS-style
// product sized for V8: both operands are packed into panels, so every layout runs the same inner
// loop (a transposed operand costs nothing but its pack), and the inner loop keeps a 4×8 tile of
// C in 8 f32x4 accumulators. V8 has 15 SIMD registers: 8 accumulators, 2 B vectors and the
// broadcast A values fit; 6×8, 8×8 and 4×16 tiles, or unrolling K by 2, spill (measured 24-45
// GFLOP/s against ~41 plain and ~50 relaxed for this one on a Zen 4 core).
//
// Packed layouts (all byte addresses into the one linear memory):
//   A block (rows ic.., cols pc.., mc×kc):  panel of 4 rows, then p, then the 4 rows:  [mc/4][kc][4]
//   B (whole, k×n):                         panel of 8 columns, then p, then 8 columns: [n/8][k][8]
// Rows past m and columns past n are packed as zeros, so edge tiles need no special inner loop;
// they are computed into a 4×8 scratch tile and only their valid part is written to C.

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
 * The micro-kernel: C tile (4×8 at `c`, rows `ldc` bytes apart) = (or +=, with `acc`) the
 * product of a packed A panel (kc×4) and a packed B panel (kc×8). kc ≥ 1.
 */
function tile(relaxed) {
  const acc = range(4).flatMap((i) => [`c${i}0`, `c${i}1`]);
  const rows = range(4)
    .map(
      (i) => `
      (local.set $a (v128.load32_splat offset=${i * 4} (local.get $pa)))
      (local.set $c${i}0 ${madd(relaxed, get('a'), get('b0'), get(`c${i}0`))})
      (local.set $c${i}1 ${madd(relaxed, get('a'), get('b1'), get(`c${i}1`))})`,
    )
    .join('');
  const stores = range(4)
    .map(
      (i) => `
    (if (local.get $acc) (then
      (local.set $c${i}0 (f32x4.add (local.get $c${i}0) (v128.load (local.get $c))))
      (local.set $c${i}1 (f32x4.add (local.get $c${i}1) (v128.load offset=16 (local.get $c))))))
    (v128.store (local.get $c) (local.get $c${i}0))
    (v128.store offset=16 (local.get $c) (local.get $c${i}1))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))`,
    )
    .join('');
  return `
  (func $tile (param $pa i32) (param $pb i32) (param $kc i32) (param $c i32) (param $ldc i32) (param $acc i32)
    ${acc.map((x) => `(local $${x} v128)`).join(' ')}
    (local $a v128) (local $b0 v128) (local $b1 v128) (local $end i32)
    (local.set $end (i32.add (local.get $pb) (i32.shl (local.get $kc) (i32.const 5))))
    (loop $p
      (local.set $b0 (v128.load (local.get $pb)))
      (local.set $b1 (v128.load offset=16 (local.get $pb)))${rows}
      (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
      (br_if $p (i32.lt_u (local.get $pb) (local.get $end))))${stores})`;
}

/**
 * Packs all of B into [n/8][k][8]. Stored k×n (`trans` 0) each p-row of a panel is two vector
 * copies; stored n×k (`trans` 1) four p-rows of four columns are one 4×4 transpose.
 */
const packB = `
  (func $packB (param $b i32) (param $k i32) (param $n i32) (param $trans i32) (param $dst i32)
    (local $j i32) (local $p i32) (local $jj i32) (local $nr i32) (local $src i32) (local $v f32)
    ${transposeLocals}
    (local.set $j (i32.const 0))
    (block $done (loop $panels
      (br_if $done (i32.ge_u (local.get $j) (local.get $n)))
      (local.set $nr (i32.sub (local.get $n) (local.get $j)))
      (local.set $p (i32.const 0))
      (if (i32.and (i32.ge_u (local.get $nr) (i32.const 8)) (i32.eqz (local.get $trans)))
        (then
          ;; B(p, j..j+8) is contiguous: two vector copies per p.
          (local.set $src (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
          (loop $rows
            (v128.store (local.get $dst) (v128.load (local.get $src)))
            (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $src)))
            (local.set $src (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 2))))
            (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br_if $rows (i32.lt_u (local.get $p) (local.get $k))))
          (local.set $p (local.get $k))))
      (if (i32.and (i32.ge_u (local.get $nr) (i32.const 8)) (local.get $trans))
        (then
          ;; Columns j..j+8 of op(B) are rows of the stored B: transpose 4×4 blocks.
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
              (v128.store offset=32 (local.get $src) (local.get $r1))
              (v128.store offset=64 (local.get $src) (local.get $r2))
              (v128.store offset=96 (local.get $src) (local.get $r3))
              (local.set $jj (i32.add (local.get $jj) (i32.const 4)))
              (br_if $halves (i32.lt_u (local.get $jj) (i32.const 8))))
            (local.set $dst (i32.add (local.get $dst) (i32.const 128)))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $quads)))))
      ;; What is left (a partial panel, or the last p-rows of a transposed one): one float at a
      ;; time, zeros past n.
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
          (br_if $cols (i32.lt_u (local.get $jj) (i32.const 8))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $rest)))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $panels))))`;

/**
 * Packs the block of A at rows i0..i0+mc, columns p0..p0+kc into [mc/4][kc][4]. Stored m×k
 * (`trans` 0) four p-columns of four rows are one 4×4 transpose; stored k×m (`trans` 1) the four
 * rows at one p are a single vector.
 */
const packA = `
  (func $packA (param $a i32) (param $m i32) (param $k i32) (param $trans i32)
               (param $i0 i32) (param $mc i32) (param $p0 i32) (param $kc i32) (param $dst i32)
    (local $i i32) (local $p i32) (local $ii i32) (local $mr i32) (local $src i32) (local $v f32)
    ${transposeLocals}
    (local.set $i (i32.const 0))
    (block $done (loop $panels
      (br_if $done (i32.ge_u (local.get $i) (local.get $mc)))
      (local.set $mr (i32.sub (local.get $mc) (local.get $i)))
      (local.set $p (i32.const 0))
      (if (i32.and (i32.ge_u (local.get $mr) (i32.const 4)) (local.get $trans))
        (then
          ;; A(i..i+4, p) is contiguous in the stored k×m matrix.
          (local.set $src (i32.add (local.get $a) (i32.shl
            (i32.add (i32.mul (local.get $p0) (local.get $m)) (i32.add (local.get $i0) (local.get $i)))
            (i32.const 2))))
          (loop $cols
            (v128.store (local.get $dst) (v128.load (local.get $src)))
            (local.set $src (i32.add (local.get $src) (i32.shl (local.get $m) (i32.const 2))))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br_if $cols (i32.lt_u (local.get $p) (local.get $kc))))))
      (if (i32.and (i32.ge_u (local.get $mr) (i32.const 4)) (i32.eqz (local.get $trans)))
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
            (v128.store offset=16 (local.get $dst) (local.get $r1))
            (v128.store offset=32 (local.get $dst) (local.get $r2))
            (v128.store offset=48 (local.get $dst) (local.get $r3))
            (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $quads)))))
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
          (br_if $rows (i32.lt_u (local.get $ii) (i32.const 4))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $rest)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $panels))))`;

/**
 * The product. `a`, `b`: the operands as stored; `c`: m×n output; `pa`: room for one packed A
 * block (mc×kc, mc rounded up to 4); `pb`: room for packed B (k × n rounded up to 8); `scratch`:
 * a 4×8 tile for edges. The caller picks the block sizes `kcMax` (cache-resident B panel) and
 * `mcMax` (cache-resident A block, a multiple of 4). k ≥ 1.
 */
const gemm = `
  (func (export "gemm")
    (param $a i32) (param $b i32) (param $c i32) (param $m i32) (param $k i32) (param $n i32)
    (param $transA i32) (param $transB i32) (param $pa i32) (param $pb i32) (param $scratch i32)
    (param $kcMax i32) (param $mcMax i32)
    (local $p0 i32) (local $kc i32) (local $i0 i32) (local $mc i32) (local $j i32) (local $i i32)
    (local $acc i32) (local $panelB i32) (local $panelA i32) (local $ldc i32) (local $mr i32) (local $nr i32)
    (local $r i32) (local $q i32) (local $dst i32) (local $at i32) (local $v f32)
    (call $packB (local.get $b) (local.get $k) (local.get $n) (local.get $transB) (local.get $pb))
    (local.set $ldc (i32.shl (local.get $n) (i32.const 2)))
    (local.set $p0 (i32.const 0))
    (loop $kBlocks
      (local.set $kc (i32.sub (local.get $k) (local.get $p0)))
      (if (i32.gt_u (local.get $kc) (local.get $kcMax)) (then (local.set $kc (local.get $kcMax))))
      (local.set $acc (i32.ne (local.get $p0) (i32.const 0)))
      (local.set $i0 (i32.const 0))
      (loop $mBlocks
        (local.set $mc (i32.sub (local.get $m) (local.get $i0)))
        (if (i32.gt_u (local.get $mc) (local.get $mcMax)) (then (local.set $mc (local.get $mcMax))))
        (call $packA (local.get $a) (local.get $m) (local.get $k) (local.get $transA)
                     (local.get $i0) (local.get $mc) (local.get $p0) (local.get $kc) (local.get $pa))
        (local.set $j (i32.const 0))
        (loop $nPanels
          (local.set $nr (i32.sub (local.get $n) (local.get $j)))
          (local.set $panelB (i32.add (local.get $pb)
            (i32.shl (i32.add (i32.mul (local.get $j) (local.get $k)) (i32.shl (local.get $p0) (i32.const 3))) (i32.const 2))))
          (local.set $i (i32.const 0))
          (loop $mPanels
            (local.set $mr (i32.sub (local.get $mc) (local.get $i)))
            (local.set $panelA (i32.add (local.get $pa) (i32.shl (i32.mul (local.get $i) (local.get $kc)) (i32.const 2))))
            (local.set $dst (i32.add (local.get $c)
              (i32.shl (i32.add (i32.mul (i32.add (local.get $i0) (local.get $i)) (local.get $n)) (local.get $j)) (i32.const 2))))
            (if (i32.and (i32.ge_u (local.get $mr) (i32.const 4)) (i32.ge_u (local.get $nr) (i32.const 8)))
              (then
                (call $tile (local.get $panelA) (local.get $panelB) (local.get $kc)
                            (local.get $dst) (local.get $ldc) (local.get $acc)))
              (else
                ;; An edge tile: compute all of it into the scratch tile, write the valid part.
                (call $tile (local.get $panelA) (local.get $panelB) (local.get $kc)
                            (local.get $scratch) (i32.const 32) (i32.const 0))
                (if (i32.gt_u (local.get $mr) (i32.const 4)) (then (local.set $mr (i32.const 4))))
                (if (i32.gt_u (local.get $nr) (i32.const 8)) (then (local.set $nr (i32.const 8))))
                (local.set $r (i32.const 0))
                (loop $rows
                  (local.set $q (i32.const 0))
                  (loop $cols
                    (local.set $v (f32.load (i32.add (local.get $scratch)
                      (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 3)) (local.get $q)) (i32.const 2)))))
                    (local.set $at (i32.add (local.get $dst)
                      (i32.add (i32.mul (local.get $r) (local.get $ldc)) (i32.shl (local.get $q) (i32.const 2)))))
                    (if (local.get $acc) (then (local.set $v (f32.add (local.get $v) (f32.load (local.get $at))))))
                    (f32.store (local.get $at) (local.get $v))
                    (local.set $q (i32.add (local.get $q) (i32.const 1)))
                    (br_if $cols (i32.lt_u (local.get $q) (local.get $nr))))
                  (local.set $r (i32.add (local.get $r) (i32.const 1)))
                  (br_if $rows (i32.lt_u (local.get $r) (local.get $mr))))
                (local.set $nr (i32.sub (local.get $n) (local.get $j)))))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br_if $mPanels (i32.lt_u (local.get $i) (local.get $mc))))
          (local.set $j (i32.add (local.get $j) (i32.const 8)))
          (br_if $nPanels (i32.lt_u (local.get $j) (local.get $n))))
        (local.set $i0 (i32.add (local.get $i0) (local.get $mc)))
        (br_if $mBlocks (i32.lt_u (local.get $i0) (local.get $m))))
      (local.set $p0 (i32.add (local.get $p0) (local.get $kc)))
      (br_if $kBlocks (i32.lt_u (local.get $p0) (local.get $k)))))`;

/** The product's functions, for the module text (wasm/kernels.mjs). */
export function gemmWat({ relaxed }) {
  return [tile(relaxed), packB, packA, gemm].join('\n');
}
