/** WAT of the product functions of ./wat.ts's module: bmm's register tiles and row blocks, and transpose. */

/** Output rows and columns of one register tile of bmm (columns: 8 and 4 in SIMD lanes, 1 scalar). */
export const TILE_ROWS = [4, 1] as const;
export const TILE_COLS = [8, 4, 1] as const;

const get = (name: string): string => `(local.get $${name})`;
const add = (a: string, b: string): string => `(i32.add ${a} ${b})`;

/** One R×C tile: out[r][c] for r < R, c < C from a (row 0, k 0), b (k 0, col 0). */
export function tile(R: number, C: number): string {
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
export function rowBlock(R: number): string {
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
export function bmm(): string {
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
export const TRANSPOSE = `(func $transpose (export "transpose") (param $src i32) (param $dst i32) (param $batch i32) (param $R i32) (param $C i32)
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

