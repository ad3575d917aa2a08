/**
 * The WebAssembly SIMD ceiling of a product kernel: the 4 × 8 register tile of the app's products
 * (src/core/models/simd/wat-products.ts) on operands that stay in the L1 cache, so that only the
 * arithmetic counts. Per k: two 4-lane loads of B's row, four broadcasts of A's column, and eight
 * multiply-adds, either as a multiply and an add (what the app does, bit-identical to tfjs) or as
 * relaxed SIMD's fused multiply-add (which rounds differently on machines with and without FMA).
 *
 * Memory layout: A [K, 4] at 0 (k-major: A's four rows side by side), B [K, 8] at B_AT, the tile
 * C [4, 8] at C_AT. `run(K, reps)` adds A·B to C `reps` times (C is not cleared between reps).
 */

export const B_AT = 8192;
export const C_AT = 32768;
/** Most K the layout holds (A and B below C_AT). */
export const MAX_K = (C_AT - B_AT) / 32;

export function peakWat(fused: boolean): string {
  const madd = (acc: string, a: string, b: string): string =>
    fused
      ? `(local.set ${acc} (f32x4.relaxed_madd (local.get ${a}) (local.get ${b}) (local.get ${acc})))`
      : `(local.set ${acc} (f32x4.add (local.get ${acc}) (f32x4.mul (local.get ${a}) (local.get ${b}))))`;
  const accs = [0, 1, 2, 3].flatMap((r) => [`$c${r}0`, `$c${r}1`]);
  const body = [0, 1, 2, 3].flatMap((r) => [
    `(local.set $a (v128.load32_splat offset=${r * 4} (local.get $pa)))`,
    madd(`$c${r}0`, '$a', '$b0'),
    madd(`$c${r}1`, '$a', '$b1'),
  ]);
  // C row r, lanes 0-3 then 4-7: accumulator $c{r}0 then $c{r}1.
  const load = accs.map((c, i) => `(local.set ${c} (v128.load offset=${C_AT + i * 16} (i32.const 0)))`);
  const store = accs.map((c, i) => `(v128.store offset=${C_AT + i * 16} (i32.const 0) (local.get ${c}))`);
  return `(module
  (memory (export "memory") 1)
  (func (export "run") (param $K i32) (param $reps i32)
    (local $k i32) (local $pa i32) (local $pb i32) (local $a v128) (local $b0 v128) (local $b1 v128)
    ${accs.map((c) => `(local ${c} v128)`).join(' ')}
    ${load.join('\n    ')}
    (block $done
      (br_if $done (i32.eqz (local.get $reps)))
      (loop $rep
        (local.set $k (i32.const 0))
        (local.set $pa (i32.const 0))
        (local.set $pb (i32.const ${B_AT}))
        (loop $kl
          (local.set $b0 (v128.load (local.get $pb)))
          (local.set $b1 (v128.load offset=16 (local.get $pb)))
          ${body.join('\n          ')}
          (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
          (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $kl (i32.lt_u (local.get $k) (local.get $K))))
        (local.set $reps (i32.sub (local.get $reps) (i32.const 1)))
        (br_if $rep (local.get $reps))))
    ${store.join('\n    ')}))`;
}
