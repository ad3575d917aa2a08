/**
 * The text (WAT) of Rankscope's own WebAssembly SIMD kernels, which run on the tfjs wasm backend's
 * memory (./kernels.ts). Generated here so the tiles stay regular; `npm run build:simd` assembles it
 * into ./binary.ts (test/core/models/simd.test.ts checks that the two agree).
 *
 * Every kernel computes each output value with the same float32 operations in the same order as the
 * tfjs kernels it stands in for, so results are bit-identical:
 * - bmm: batched products out[q] = op(A[q])·op(B[q]). Each output is Σ_k a·b summed in k order in
 *   blocks of `kb` terms, each block from 0, the blocks added in order to 0 — tfjs-wasm's scalar
 *   batched product uses kb = 48 (transposed or batched operands), its XNNPACK product a single
 *   sequential sum (kb ≥ K). SIMD lanes run over output columns, never over k. With a bias (one
 *   block) the sum starts at the bias, and relu clamps as XNNPACK does: its fused dense layer. With
 *   `cont` (one block) the sums continue from out's values: a long sum split into calls over chunks
 *   of k (cache blocking) stays one sequential sum.
 * - transpose: dst[q][c][r] = src[q][r][c] (bit copies), to give bmm a B with contiguous columns.
 * - reluGrad, colSum: a relu layer's dz = dy·step(y) and its bias gradient Σ_rows dz (./kernels.ts).
 * - scale, addTo, fill0, softmaxGrad: the attention layer's elementwise steps (./kernels.ts).
 * - adam: p ← p − (m₁·lr)/(√(v₁·c₂) + ε), m₁ = m·β₁ + g·(1−β₁), v₁ = v·β₂ + g²·(1−β₂), as ../adam.ts's
 *   ops compute it.
 */

/** Output rows and columns of one register tile of bmm (columns: 8 and 4 in SIMD lanes, 1 scalar). */
const TILE_ROWS = [4, 1] as const;
const TILE_COLS = [8, 4, 1] as const;

const get = (name: string): string => `(local.get $${name})`;
const add = (a: string, b: string): string => `(i32.add ${a} ${b})`;

/** One R×C tile: out[r][c] for r < R, c < C from a (row 0, k 0), b (k 0, col 0). */
function tile(R: number, C: number): string {
  const V = C / 4; // v128 per row (C = 8 or 4), or a scalar column (C = 1)
  const scalar = C === 1;
  const ty = scalar ? 'f32' : 'v128';
  const zero = scalar ? '(f32.const 0)' : '(v128.const i32x4 0 0 0 0)';
  const lanes = scalar ? [0] : Array.from({ length: V }, (_, v) => v);
  const rows = Array.from({ length: R }, (_, r) => r);
  const locals: string[] = ['(local $k i32) (local $kend i32) (local $pb i32) (local $po i32)'];
  for (const r of rows) locals.push(`(local $pa${r} i32) (local $x${r} ${ty})`);
  for (const v of lanes) locals.push(`(local $y${v} ${ty})`);
  for (const r of rows) for (const v of lanes) locals.push(`(local $acc${r}_${v} ${ty}) (local $s${r}_${v} ${ty})`);
  const body: string[] = [];
  body.push(`(local.set $pa0 ${get('a')})`);
  for (const r of rows.slice(1)) body.push(`(local.set $pa${r} ${add(get(`pa${r - 1}`), get('aRs'))})`);
  body.push(`(local.set $pb ${get('b')})`);
  // With a bias (XNNPACK's product, one block) the sums start at the bias; the result, 0 + s, differs
  // from s only for s = −0, which a sum from the bias + 0 that tfjs's own kernel is given never gives.
  body.push('(if (local.get $bias) (then');
  for (const r of rows) {
    for (const v of lanes) body.push(`  (local.set $s${r}_${v} (${scalar ? 'f32.load' : `v128.load offset=${16 * v}`} ${get('bias')}))`);
  }
  body.push('))');
  // Continuing (one block): the sums start where an earlier call over the first k stopped, in out.
  body.push('(if (local.get $cont) (then');
  body.push(`  (local.set $po ${get('o')})`);
  for (const r of rows) {
    if (r > 0) body.push(`  (local.set $po ${add(get('po'), get('oRs'))})`);
    for (const v of lanes) body.push(`  (local.set $s${r}_${v} (${scalar ? 'f32.load' : `v128.load offset=${16 * v}`} ${get('po')}))`);
  }
  body.push('))');
  body.push('(block $done (loop $blocks');
  body.push(`  (local.set $kend (select ${add(get('k'), get('kb'))} ${get('K')} (i32.lt_u ${add(get('k'), get('kb'))} ${get('K')})))`);
  body.push('  (loop $inner');
  for (const r of rows) body.push(`    (local.set $x${r} (${scalar ? 'f32.load' : 'v128.load32_splat'} ${get(`pa${r}`)}))`);
  for (const v of lanes) body.push(`    (local.set $y${v} (${scalar ? 'f32.load' : `v128.load offset=${16 * v}`} ${get('pb')}))`);
  const fadd = scalar ? 'f32.add' : 'f32x4.add';
  const fmul = scalar ? 'f32.mul' : 'f32x4.mul';
  for (const r of rows) {
    for (const v of lanes) body.push(`    (local.set $s${r}_${v} (${fadd} ${get(`s${r}_${v}`)} (${fmul} ${get(`x${r}`)} ${get(`y${v}`)})))`);
  }
  for (const r of rows) body.push(`    (local.set $pa${r} ${add(get(`pa${r}`), get('aKs'))})`);
  body.push(`    (local.set $pb ${add(get('pb'), get('bKs'))})`);
  body.push(`    (br_if $inner (i32.lt_u (local.tee $k ${add(get('k'), '(i32.const 1)')}) ${get('kend')})))`);
  for (const r of rows) {
    for (const v of lanes) {
      body.push(`  (local.set $acc${r}_${v} (${fadd} ${get(`acc${r}_${v}`)} ${get(`s${r}_${v}`)}))`);
      body.push(`  (local.set $s${r}_${v} ${zero})`);
    }
  }
  body.push(`  (br_if $blocks (i32.lt_u ${get('k')} ${get('K')}))))`);
  // relu as XNNPACK clamps (NaN → 0 too): max(0, acc) with x86's pseudo-max, 0 < acc ? acc : 0.
  body.push('(if (local.get $relu) (then');
  for (const r of rows) {
    for (const v of lanes) {
      const acc = get(`acc${r}_${v}`);
      body.push(`  (local.set $acc${r}_${v} ${scalar ? `(select ${acc} (f32.const 0) (f32.lt (f32.const 0) ${acc}))` : `(f32x4.pmax (v128.const i32x4 0 0 0 0) ${acc})`})`);
    }
  }
  body.push('))');
  body.push(`(local.set $po ${get('o')})`);
  for (const r of rows) {
    if (r > 0) body.push(`(local.set $po ${add(get('po'), get('oRs'))})`);
    for (const v of lanes) body.push(`(${scalar ? 'f32.store' : `v128.store offset=${16 * v}`} ${get('po')} ${get(`acc${r}_${v}`)})`);
  }
  const params = ['a', 'b', 'o', 'K', 'aRs', 'aKs', 'bKs', 'oRs', 'kb', 'bias', 'relu', 'cont'].map((p) => `(param $${p} i32)`).join(' ');
  return [`(func $tile${R}x${C} ${params}`, ...locals.map((l) => `  ${l}`), ...body.map((l) => `  ${l}`), ')'].join('\n');
}

/** All columns of R rows: tiles of 8, then 4, then single columns. */
function rowBlock(R: number): string {
  const lines = [
    `(func $rows${R} (param $a i32) (param $b i32) (param $o i32) (param $N i32) (param $K i32) (param $aRs i32) (param $aKs i32) (param $bKs i32) (param $oRs i32) (param $kb i32) (param $bias i32) (param $relu i32) (param $cont i32)`,
    '  (local $j i32)',
  ];
  for (const C of TILE_COLS) {
    lines.push(
      `  (block $end${C} (loop $next${C}`,
      `    (br_if $end${C} (i32.gt_u ${add(get('j'), `(i32.const ${C})`)} ${get('N')}))`,
      `    (call $tile${R}x${C} ${get('a')} ${add(get('b'), '(i32.shl (local.get $j) (i32.const 2))')} ${add(get('o'), '(i32.shl (local.get $j) (i32.const 2))')} ${get('K')} ${get('aRs')} ${get('aKs')} ${get('bKs')} ${get('oRs')} ${get('kb')} (select ${add(get('bias'), '(i32.shl (local.get $j) (i32.const 2))')} (i32.const 0) ${get('bias')}) ${get('relu')} ${get('cont')})`,
      `    (local.set $j ${add(get('j'), `(i32.const ${C})`)})`,
      `    (br $next${C})))`,
    );
  }
  lines.push(')');
  return lines.join('\n');
}

/** The batched product: strides in bytes; B's columns contiguous (bmm's caller transposes B if needed). */
function bmm(): string {
  const call = (R: number): string =>
    `(call $rows${R} (local.get $pa) (local.get $b) (local.get $po) (local.get $N) (local.get $K) (local.get $aRs) (local.get $aKs) (local.get $bKs) (local.get $oRs) (local.get $kb) (local.get $bias) (local.get $relu) (local.get $cont))`;
  const rowLoops = TILE_ROWS.map(
    (R) => `    (block $r${R}_end (loop $r${R}
      (br_if $r${R}_end (i32.gt_u (i32.add (local.get $i) (i32.const ${R})) (local.get $M)))
      ${call(R)}
      (local.set $pa (i32.add (local.get $pa) (i32.mul (local.get $aRs) (i32.const ${R}))))
      (local.set $po (i32.add (local.get $po) (i32.mul (local.get $oRs) (i32.const ${R}))))
      (local.set $i (i32.add (local.get $i) (i32.const ${R})))
      (br $r${R})))`,
  );
  return `(func $bmm (export "bmm")
  (param $a i32) (param $b i32) (param $o i32) (param $batch i32) (param $M i32) (param $N i32) (param $K i32)
  (param $aBs i32) (param $aRs i32) (param $aKs i32) (param $bBs i32) (param $bKs i32) (param $oBs i32) (param $oRs i32) (param $kb i32)
  (param $bias i32) (param $relu i32) (param $cont i32)
  (local $q i32) (local $i i32) (local $pa i32) (local $po i32)
  (block $batches_end (loop $batches
    (br_if $batches_end (i32.ge_u (local.get $q) (local.get $batch)))
    (local.set $pa (local.get $a))
    (local.set $po (local.get $o))
    (local.set $i (i32.const 0))
${rowLoops.join('\n')}
    (local.set $a (i32.add (local.get $a) (local.get $aBs)))
    (local.set $b (i32.add (local.get $b) (local.get $bBs)))
    (local.set $o (i32.add (local.get $o) (local.get $oBs)))
    (local.set $q (i32.add (local.get $q) (i32.const 1)))
    (br $batches)))
)`;
}

/** dst[q][c][r] = src[q][r][c] for `batch` matrices [R, C] (4-byte values copied as bits). */
const TRANSPOSE = `(func $transpose (export "transpose") (param $src i32) (param $dst i32) (param $batch i32) (param $R i32) (param $C i32)
  (local $q i32) (local $r i32) (local $c i32) (local $ps i32) (local $pd i32)
  (local.set $ps (local.get $src))
  (block $q_end (loop $q_next
    (br_if $q_end (i32.ge_u (local.get $q) (local.get $batch)))
    (local.set $r (i32.const 0))
    (block $r_end (loop $r_next
      (br_if $r_end (i32.ge_u (local.get $r) (local.get $R)))
      (local.set $pd (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2))))
      (local.set $c (i32.const 0))
      (block $c_end (loop $c_next
        (br_if $c_end (i32.ge_u (local.get $c) (local.get $C)))
        (i32.store (local.get $pd) (i32.load (local.get $ps)))
        (local.set $ps (i32.add (local.get $ps) (i32.const 4)))
        (local.set $pd (i32.add (local.get $pd) (i32.shl (local.get $R) (i32.const 2))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $c_next)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $r_next)))
    (local.set $dst (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $R) (local.get $C)) (i32.const 2))))
    (local.set $q (i32.add (local.get $q) (i32.const 1)))
    (br $q_next)))
)`;

/** One Adam step over n values: four vectors of lanes at a time, then single values; outputs may alias inputs. */
function adam(): string {
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
const RELU_GRAD = `(func $reluGrad (export "reluGrad") (param $dy i32) (param $y i32) (param $o i32) (param $n i32)
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
const COL_SUM = `(func $colSum (export "colSum") (param $x i32) (param $o i32) (param $R i32) (param $C i32)
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
const SCALE = `(func $scale (export "scale") (param $p i32) (param $n i32) (param $s f32)
  (local $end i32)
  (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
    (f32.store (local.get $p) (f32.mul (f32.load (local.get $p)) (local.get $s)))
    (local.set $p (i32.add (local.get $p) (i32.const 4)))
    (br $next)))
)`;

/** dst[i] = dst[i] + src[i] for n values (tf.add). */
const ADD_TO = `(func $addTo (export "addTo") (param $dst i32) (param $src i32) (param $n i32)
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
const FILL0 = `(func $fill0 (export "fill0") (param $p i32) (param $n i32)
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
const SOFTMAX_GRAD = `(func $softmaxGrad (export "softmaxGrad") (param $dA i32) (param $A i32) (param $o i32) (param $rows i32) (param $T i32)
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

/** The whole module: it imports the tfjs wasm backend's memory as env.memory. */
export function simdWat(): string {
  const parts = ['(module', '(import "env" "memory" (memory 1))'];
  for (const R of TILE_ROWS) for (const C of TILE_COLS) parts.push(tile(R, C));
  for (const R of TILE_ROWS) parts.push(rowBlock(R));
  parts.push(bmm(), TRANSPOSE, adam(), RELU_GRAD, COL_SUM, SCALE, ADD_TO, FILL0, SOFTMAX_GRAD, ')');
  return `${parts.join('\n')}\n`;
}
