/**
 * The text (WAT) of the coupling target's WebAssembly module (./coupling-wasm.ts): the harmonics
 * φ_k, ψ_k of every input and the logits β·ρ(x(t), x(s)) + ρ₀ of every pair, with the float64
 * operations of ./basis.ts and ./coupling.ts's JavaScript in the same order, so the values are the
 * same bit for bit (test/core/targets/coupling-wasm.test.ts). `npm run build:simd` assembles it into
 * ./coupling-binary.ts.
 *
 * - harmonics: from cos θ and sin θ of each input (θ = 2πx, computed by the caller with Math), the
 *   Chebyshev recurrence f(k+1) = 2cosθ·f(k) − f(k−1) from f(0) = 0, f(1) = sin θ (or 1, cos θ),
 *   writing √2·f(k) and, where asked, √2·f(k)·βσ_k.
 * - pairs: Σ_k φ̃_k(x(t)) ψ_k(x(s)) as four running sums over k ≡ 0, 1, 2, 3 (mod 4) — two float64
 *   lanes each of two vectors, never summed across lanes early — the leftover k into the first,
 *   then ρ₀ + ((a₀ + a₁) + (a₂ + a₃)), rounded to float32. With the symmetric basis only s ≥ t is
 *   summed and the value mirrored.
 * Address 0 is never an array (the caller's arrays start at 16), so 0 means "not wanted".
 */

const HARMONICS = `(func $harmonics (export "harmonics")
  (param $cos i32) (param $sin i32) (param $n i32) (param $r i32) (param $cosine i32) (param $scaled i32) (param $out i32) (param $outScaled i32)
  (local $i i32) (local $k i32) (local $c2 f64) (local $prev f64) (local $cur f64) (local $next f64) (local $v f64) (local $o i32) (local $os i32)
  (block $i_end (loop $i_next
    (br_if $i_end (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $c2 (f64.mul (f64.const 2) (f64.load (i32.add (local.get $cos) (i32.shl (local.get $i) (i32.const 3))))))
    (if (local.get $cosine)
      (then
        (local.set $prev (f64.const 1))
        (local.set $cur (f64.load (i32.add (local.get $cos) (i32.shl (local.get $i) (i32.const 3))))))
      (else
        (local.set $prev (f64.const 0))
        (local.set $cur (f64.load (i32.add (local.get $sin) (i32.shl (local.get $i) (i32.const 3)))))))
    (local.set $o (i32.add (local.get $out) (i32.shl (i32.mul (local.get $i) (local.get $r)) (i32.const 3))))
    (local.set $os (i32.add (local.get $outScaled) (i32.shl (i32.mul (local.get $i) (local.get $r)) (i32.const 3))))
    (local.set $k (i32.const 0))
    (block $k_end (loop $k_next
      (br_if $k_end (i32.ge_u (local.get $k) (local.get $r)))
      (local.set $v (f64.mul (f64.const 1.4142135623730951) (local.get $cur)))
      (if (local.get $out) (then (f64.store (local.get $o) (local.get $v))))
      (if (local.get $outScaled) (then
        (f64.store (local.get $os) (f64.mul (local.get $v) (f64.load (i32.add (local.get $scaled) (i32.shl (local.get $k) (i32.const 3))))))))
      (local.set $next (f64.sub (f64.mul (local.get $c2) (local.get $cur)) (local.get $prev)))
      (local.set $prev (local.get $cur))
      (local.set $cur (local.get $next))
      (local.set $o (i32.add (local.get $o) (i32.const 8)))
      (local.set $os (i32.add (local.get $os) (i32.const 8)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $k_next)))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $i_next)))
)`;

const PAIRS = `(func $pairs (export "pairs")
  (param $phi i32) (param $psi i32) (param $out i32) (param $count i32) (param $tau i32) (param $r i32) (param $sym i32) (param $rho0 f64)
  (local $b i32) (local $t i32) (local $s i32) (local $k i32) (local $pt i32) (local $ps i32) (local $r4 i32) (local $seq i32)
  (local $acc01 v128) (local $acc23 v128) (local $a0 f64) (local $v f32)
  (local.set $r4 (i32.and (local.get $r) (i32.const -4)))
  (block $b_end (loop $b_next
    (br_if $b_end (i32.ge_u (local.get $b) (local.get $count)))
    (local.set $seq (i32.add (local.get $out) (i32.shl (i32.mul (i32.mul (local.get $b) (local.get $tau)) (local.get $tau)) (i32.const 2))))
    (local.set $t (i32.const 0))
    (block $t_end (loop $t_next
      (br_if $t_end (i32.ge_u (local.get $t) (local.get $tau)))
      (local.set $s (select (local.get $t) (i32.const 0) (local.get $sym)))
      (block $s_end (loop $s_next
        (br_if $s_end (i32.ge_u (local.get $s) (local.get $tau)))
        (local.set $pt (i32.add (local.get $phi) (i32.shl (i32.mul (i32.add (i32.mul (local.get $b) (local.get $tau)) (local.get $t)) (local.get $r)) (i32.const 3))))
        (local.set $ps (i32.add (local.get $psi) (i32.shl (i32.mul (i32.add (i32.mul (local.get $b) (local.get $tau)) (local.get $s)) (local.get $r)) (i32.const 3))))
        (local.set $acc01 (v128.const i64x2 0 0))
        (local.set $acc23 (v128.const i64x2 0 0))
        (local.set $k (i32.const 0))
        (block $k_end (loop $k_next
          (br_if $k_end (i32.ge_u (local.get $k) (local.get $r4)))
          (local.set $acc01 (f64x2.add (local.get $acc01) (f64x2.mul (v128.load (local.get $pt)) (v128.load (local.get $ps)))))
          (local.set $acc23 (f64x2.add (local.get $acc23) (f64x2.mul (v128.load offset=16 (local.get $pt)) (v128.load offset=16 (local.get $ps)))))
          (local.set $pt (i32.add (local.get $pt) (i32.const 32)))
          (local.set $ps (i32.add (local.get $ps) (i32.const 32)))
          (local.set $k (i32.add (local.get $k) (i32.const 4)))
          (br $k_next)))
        (local.set $a0 (f64x2.extract_lane 0 (local.get $acc01)))
        (block $tail_end (loop $tail_next
          (br_if $tail_end (i32.ge_u (local.get $k) (local.get $r)))
          (local.set $a0 (f64.add (local.get $a0) (f64.mul (f64.load (local.get $pt)) (f64.load (local.get $ps)))))
          (local.set $pt (i32.add (local.get $pt) (i32.const 8)))
          (local.set $ps (i32.add (local.get $ps) (i32.const 8)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $tail_next)))
        (local.set $v (f32.demote_f64 (f64.add (local.get $rho0)
          (f64.add (f64.add (local.get $a0) (f64x2.extract_lane 1 (local.get $acc01)))
                   (f64.add (f64x2.extract_lane 0 (local.get $acc23)) (f64x2.extract_lane 1 (local.get $acc23)))))))
        (f32.store (i32.add (local.get $seq) (i32.shl (i32.add (i32.mul (local.get $t) (local.get $tau)) (local.get $s)) (i32.const 2))) (local.get $v))
        (if (local.get $sym) (then
          (f32.store (i32.add (local.get $seq) (i32.shl (i32.add (i32.mul (local.get $s) (local.get $tau)) (local.get $t)) (i32.const 2))) (local.get $v))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $s_next)))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br $t_next)))
    (local.set $b (i32.add (local.get $b) (i32.const 1)))
    (br $b_next)))
)`;

/** The whole module; it exports its own memory. */
export function couplingWat(): string {
  return `(module\n(memory (export "memory") 1)\n${HARMONICS}\n${PAIRS}\n)\n`;
}
