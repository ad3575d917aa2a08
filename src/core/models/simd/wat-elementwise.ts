/** WAT of the elementwise functions of ./wat.ts's module: Adam, the relu and softmax gradients, column sums, and small vector steps. */

/** One Adam step over n values: four vectors of lanes at a time, then single values; outputs may alias inputs. */
export function adam(): string {
  const step = (w: 'f32x4' | 'f32', load: string, store: string, splat: (x: string) => string, sfx: string): string[] => {
    const k = (name: string): string => splat(`(local.get $${name})`);
    const [g, m, v] = ['g', 'm', 'v'].map((x) => `(local.get $${x}${sfx})`) as [string, string, string];
    return [
      `(local.set $g${sfx} (${load} (local.get $g)))`,
      `(local.set $m${sfx} (${w}.add (${w}.mul (${load} (local.get $m)) ${k('b1')}) (${w}.mul ${g} ${k('b1c')})))`,
      `(local.set $v${sfx} (${w}.add (${w}.mul (${load} (local.get $v)) ${k('b2')}) (${w}.mul (${w}.mul ${g} ${g}) ${k('b2c')})))`,
      `(${store} (local.get $mo) ${m})`,
      `(${store} (local.get $vo) ${v})`,
      `(${store} (local.get $po) (${w}.sub (${load} (local.get $p)) (${w}.div (${w}.mul ${m} ${k('lr')}) (${w}.add (${w}.sqrt (${w}.mul ${v} ${k('c2')})) ${k('eps')}))))`,
    ];
  };
  const advance = (bytes: number): string =>
    ['p', 'g', 'm', 'v', 'po', 'mo', 'vo'].map((x) => `(local.set $${x} (i32.add (local.get $${x}) (i32.const ${bytes})))`).join(' ');
  const vec = step('f32x4', 'v128.load', 'v128.store', (x) => `(f32x4.splat ${x})`, 'v');
  const one = step('f32', 'f32.load', 'f32.store', (x) => x, 's');
  return `(func $adam (export "adam")
  (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $po i32) (param $mo i32) (param $vo i32) (param $n i32)
  (param $b1 f32) (param $b1c f32) (param $b2 f32) (param $b2c f32) (param $c2 f32) (param $eps f32) (param $lr f32)
  (local $i i32) (local $gv v128) (local $mv v128) (local $vv v128) (local $gs f32) (local $ms f32) (local $vs f32)
  (block $vec_end (loop $vec_next
    (br_if $vec_end (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
    ${vec.join('\n    ')}
    ${advance(16)}
    (local.set $i (i32.add (local.get $i) (i32.const 4)))
    (br $vec_next)))
  (block $one_end (loop $one_next
    (br_if $one_end (i32.ge_u (local.get $i) (local.get $n)))
    ${one.join('\n    ')}
    ${advance(4)}
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $one_next)))
)`;
}

/**
 * The gradient of relu(z) = y at the layer's output: out = dy · step(y), step(y) = 1 where y > 0 and 0
 * elsewhere (NaN too), as tfjs's Step and Multiply give it (a product with 0, so −0 where dy < 0).
 */
export const RELU_GRAD = `(func $reluGrad (export "reluGrad") (param $dy i32) (param $y i32) (param $o i32) (param $n i32)
  (local $i i32) (local $ys f32)
  (block $vec_end (loop $vec_next
    (br_if $vec_end (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
    (v128.store (local.get $o) (f32x4.mul (v128.load (local.get $dy))
      (v128.and (f32x4.gt (v128.load (local.get $y)) (v128.const i32x4 0 0 0 0)) (v128.const f32x4 1 1 1 1))))
    (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
    (local.set $y (i32.add (local.get $y) (i32.const 16)))
    (local.set $o (i32.add (local.get $o) (i32.const 16)))
    (local.set $i (i32.add (local.get $i) (i32.const 4)))
    (br $vec_next)))
  (block $one_end (loop $one_next
    (br_if $one_end (i32.ge_u (local.get $i) (local.get $n)))
    (f32.store (local.get $o) (f32.mul (f32.load (local.get $dy))
      (select (f32.const 1) (f32.const 0) (f32.gt (f32.load (local.get $y)) (f32.const 0)))))
    (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
    (local.set $y (i32.add (local.get $y) (i32.const 4)))
    (local.set $o (i32.add (local.get $o) (i32.const 4)))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $one_next)))
)`;

/**
 * Column sums out[j] = Σ_r x[r][j] of x [R, C], each one sum in row order from 0: the value of the
 * plain product 1ᵀ·x (XNNPACK's sequential sum; each term 1·x exact).
 */
export const COL_SUM = `(func $colSum (export "colSum") (param $x i32) (param $o i32) (param $R i32) (param $C i32)
  (local $j i32) (local $r i32) (local $p i32) (local $acc v128) (local $one f32)
  (block $vec_end (loop $vec_next
    (br_if $vec_end (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $C)))
    (local.set $acc (v128.const i32x4 0 0 0 0))
    (local.set $p (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
    (local.set $r (i32.const 0))
    (block $r_end (loop $r_next
      (br_if $r_end (i32.ge_u (local.get $r) (local.get $R)))
      (local.set $acc (f32x4.add (local.get $acc) (v128.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.shl (local.get $C) (i32.const 2))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $r_next)))
    (v128.store (i32.add (local.get $o) (i32.shl (local.get $j) (i32.const 2))) (local.get $acc))
    (local.set $j (i32.add (local.get $j) (i32.const 4)))
    (br $vec_next)))
  (block $one_end (loop $one_next
    (br_if $one_end (i32.ge_u (local.get $j) (local.get $C)))
    (local.set $one (f32.const 0))
    (local.set $p (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
    (local.set $r (i32.const 0))
    (block $r1_end (loop $r1_next
      (br_if $r1_end (i32.ge_u (local.get $r) (local.get $R)))
      (local.set $one (f32.add (local.get $one) (f32.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.shl (local.get $C) (i32.const 2))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $r1_next)))
    (f32.store (i32.add (local.get $o) (i32.shl (local.get $j) (i32.const 2))) (local.get $one))
    (local.set $j (i32.add (local.get $j) (i32.const 1)))
    (br $one_next)))
)`;

/** p[i] = p[i]·s for n values (tf.mul by a scalar). */
export const SCALE = `(func $scale (export "scale") (param $p i32) (param $n i32) (param $s f32)
  (local $end i32)
  (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
    (f32.store (local.get $p) (f32.mul (f32.load (local.get $p)) (local.get $s)))
    (local.set $p (i32.add (local.get $p) (i32.const 4)))
    (br $next)))
)`;

/** dst[i] = dst[i] + src[i] for n values (tf.add). */
export const ADD_TO = `(func $addTo (export "addTo") (param $dst i32) (param $src i32) (param $n i32)
  (local $end i32)
  (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $n) (i32.const 2))))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
    (f32.store (local.get $dst) (f32.add (f32.load (local.get $dst)) (f32.load (local.get $src))))
    (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
    (local.set $src (i32.add (local.get $src) (i32.const 4)))
    (br $next)))
)`;

/** p[i] = +0 for n values. */
export const FILL0 = `(func $fill0 (export "fill0") (param $p i32) (param $n i32)
  (local $end i32)
  (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
    (i32.store (local.get $p) (i32.const 0))
    (local.set $p (i32.add (local.get $p) (i32.const 4)))
    (br $next)))
)`;

/**
 * The softmax gradient of `rows` rows of T: with e = dA·A, out = e − (Σ_row e)·A, the row sum in order
 * from 0 — tf.mul, tf.sum(…, -1), tf.mul and tf.sub as ../attention.ts's backward runs them.
 */
export const SOFTMAX_GRAD = `(func $softmaxGrad (export "softmaxGrad") (param $dA i32) (param $A i32) (param $o i32) (param $rows i32) (param $T i32)
  (local $r i32) (local $j i32) (local $sum f32) (local $bytes i32)
  (local.set $bytes (i32.shl (local.get $T) (i32.const 2)))
  (block $r_end (loop $r_next
    (br_if $r_end (i32.ge_u (local.get $r) (local.get $rows)))
    (local.set $sum (f32.const 0))
    (local.set $j (i32.const 0))
    (block $s_end (loop $s_next
      (br_if $s_end (i32.ge_u (local.get $j) (local.get $bytes)))
      (local.set $sum (f32.add (local.get $sum) (f32.mul (f32.load (i32.add (local.get $dA) (local.get $j))) (f32.load (i32.add (local.get $A) (local.get $j))))))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $s_next)))
    (local.set $j (i32.const 0))
    (block $o_end (loop $o_next
      (br_if $o_end (i32.ge_u (local.get $j) (local.get $bytes)))
      (f32.store (i32.add (local.get $o) (local.get $j))
        (f32.sub (f32.mul (f32.load (i32.add (local.get $dA) (local.get $j))) (f32.load (i32.add (local.get $A) (local.get $j))))
                 (f32.mul (local.get $sum) (f32.load (i32.add (local.get $A) (local.get $j))))))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $o_next)))
    (local.set $dA (i32.add (local.get $dA) (local.get $bytes)))
    (local.set $A (i32.add (local.get $A) (local.get $bytes)))
    (local.set $o (i32.add (local.get $o) (local.get $bytes)))
    (local.set $r (i32.add (local.get $r) (i32.const 1)))
    (br $r_next)))
)`;
