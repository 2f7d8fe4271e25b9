// Elementwise float32 kernels in WebAssembly text: the parts of a training step that are one
// pass over large arrays. A JavaScript loop over typed arrays runs one scalar at a time (~1.8 ns
// per element once arrays leave L2 on Zen 4); these run four lanes at a time (~0.15 ns).
//
// Every function takes byte addresses of 16-byte-aligned arrays and an element count, and works
// in whole f32x4 vectors: the caller lays arrays out with room for the last partial vector, whose
// extra lanes compute garbage nobody copies out.

/** Loops `body` over vectors i = 0 .. ceil(n/4), `$o` the byte offset of vector i. */
const vectorLoop = (body) => `
    (local.set $end (i32.shl (i32.and (i32.add (local.get $n) (i32.const 3)) (i32.const -4)) (i32.const 2)))
    (local.set $o (i32.const 0))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $o) (local.get $end)))${body}
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $next)))`;

const at = (base) => `(i32.add (local.get $${base}) (local.get $o))`;
const splat = (name) => `(f32x4.splat (local.get $${name}))`;

/**
 * One Adam step in place (torch.optim.Adam's update, float32 throughout as torch computes it):
 *   g ← sign·g + wd·p;  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  p ← p − step·m / (√v·ic + ε)
 * with sign −1 when maximizing, wd the coupled weight decay, step = lr / (1 − β₁ᵗ) and
 * ic = 1/√(1 − β₂ᵗ).
 */
const adam = `
  (func (export "adam") (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32)
    (param $beta1 f32) (param $beta2 f32) (param $step f32) (param $ic f32) (param $eps f32)
    (param $wd f32) (param $sign f32)
    (local $end i32) (local $o i32) (local $gv v128) (local $mv v128) (local $vv v128) (local $pv v128)
    (local $b1 v128) (local $c1 v128) (local $b2 v128) (local $c2 v128)
    (local.set $b1 ${splat('beta1')})
    (local.set $c1 (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $b1)))
    (local.set $b2 ${splat('beta2')})
    (local.set $c2 (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $b2)))${vectorLoop(`
      (local.set $pv (v128.load ${at('p')}))
      (local.set $gv (f32x4.add (f32x4.mul (v128.load ${at('g')}) ${splat('sign')})
                                (f32x4.mul (local.get $pv) ${splat('wd')})))
      (local.set $mv (f32x4.add (f32x4.mul (local.get $b1) (v128.load ${at('m')}))
                                (f32x4.mul (local.get $c1) (local.get $gv))))
      (local.set $vv (f32x4.add (f32x4.mul (local.get $b2) (v128.load ${at('v')}))
                                (f32x4.mul (local.get $c2) (f32x4.mul (local.get $gv) (local.get $gv)))))
      (v128.store ${at('m')} (local.get $mv))
      (v128.store ${at('v')} (local.get $vv))
      (v128.store ${at('p')} (f32x4.sub (local.get $pv)
        (f32x4.div (f32x4.mul ${splat('step')} (local.get $mv))
                   (f32x4.add (f32x4.mul (f32x4.sqrt (local.get $vv)) ${splat('ic')}) ${splat('eps')}))))`)})`;

/** `out = x < 0 ? 0 : x` (NaN stays NaN, as in PyTorch). */
const relu = `
  (func (export "relu") (param $x i32) (param $out i32) (param $n i32)
    (local $end i32) (local $o i32) (local $xv v128)${vectorLoop(`
      (local.set $xv (v128.load ${at('x')}))
      (v128.store ${at('out')} (v128.andnot (local.get $xv)
        (f32x4.lt (local.get $xv) (v128.const f32x4 0 0 0 0))))`)})`;

/** `out = x > 0 ? g : 0`: ReLU's vector-Jacobian product. */
const reluGrad = `
  (func (export "reluGrad") (param $x i32) (param $g i32) (param $out i32) (param $n i32)
    (local $end i32) (local $o i32)${vectorLoop(`
      (v128.store ${at('out')} (v128.and (v128.load ${at('g')})
        (f32x4.gt (v128.load ${at('x')}) (v128.const f32x4 0 0 0 0))))`)})`;

/** The elementwise functions, for the module text. */
export const elementwiseWat = [adam, relu, reluGrad].join('\n');
