/**
 * The coupling target's logits by WebAssembly (./coupling-wat.ts, assembled into ./coupling-binary.ts):
 * the same values as the JavaScript loops of ./coupling.ts bit for bit, a few times faster. One
 * instance for the page or process, on its own memory, grown as needed; callers run one at a time.
 * Where WebAssembly SIMD is missing, `wasmCouplingLogits` returns null and the caller keeps the
 * JavaScript loops.
 */
import type { BasisKind } from '../config/types';
import { COUPLING_WASM_BASE64 } from './coupling-binary';

interface CouplingExports {
  readonly memory: WebAssembly.Memory;
  harmonics(cos: number, sin: number, n: number, r: number, cosine: number, scaled: number, out: number, outScaled: number): void;
  pairs(phi: number, psi: number, out: number, count: number, tau: number, r: number, sym: number, rho0: number): void;
}

let instance: CouplingExports | null | undefined;

function exports(): CouplingExports | null {
  if (instance !== undefined) return instance;
  try {
    const text = atob(COUPLING_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    // < 1 KB: a synchronous compile is allowed on every thread.
    instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as CouplingExports;
  } catch {
    instance = null; // no WebAssembly SIMD here
  }
  return instance;
}

const F64 = 8;
const F32 = 4;
/** The first bytes stay unused: address 0 means "not wanted" to the module. */
const BASE = 16;
const PAGE = 65536;

/**
 * β·ρ(x(t), x(s)) + ρ₀ of `count` sequences x [count, tau] as float32 [count, tau, tau], a view of the
 * module's memory that the next call overwrites; `scaled` is βσ_k, k = 1..r.
 */
export type CouplingLogits = (x: Float32Array, count: number) => Float32Array;

export function wasmCouplingLogits(tau: number, scaled: Float64Array, rho0: number, basis: BasisKind): CouplingLogits | null {
  const wasm = exports();
  if (!wasm) return null;
  const r = scaled.length;
  const sym = basis === 'sym';
  return (x, count) => {
    const n = count * tau;
    // Layout: scaled [r], cos θ [n], sin θ [n], φ̃ [n, r], ψ [n, r] (float64), then the logits (float32).
    const scaledAt = BASE;
    const cosAt = scaledAt + r * F64;
    const sinAt = cosAt + n * F64;
    const phiAt = sinAt + n * F64;
    const psiAt = phiAt + n * r * F64;
    const outAt = psiAt + n * r * F64;
    const end = outAt + n * tau * F32;
    const have = wasm.memory.buffer.byteLength;
    if (end > have) wasm.memory.grow(Math.ceil((end - have) / PAGE));
    const buffer = wasm.memory.buffer;
    new Float64Array(buffer, scaledAt, r).set(scaled);
    const cos = new Float64Array(buffer, cosAt, n);
    const sin = new Float64Array(buffer, sinAt, n);
    for (let i = 0; i < n; i++) {
      const theta = 2 * Math.PI * (x[i] as number); // as ./basis.ts: TWO_PI · x
      cos[i] = Math.cos(theta);
      sin[i] = Math.sin(theta);
    }
    if (sym) {
      wasm.harmonics(cosAt, sinAt, n, r, 0, scaledAt, psiAt, phiAt); // ψ = φ, and φ̃ = βσ·φ
    } else {
      wasm.harmonics(cosAt, sinAt, n, r, 1, scaledAt, psiAt, 0); // ψ_k = √2 cos(2πkx)
      wasm.harmonics(cosAt, sinAt, n, r, 0, scaledAt, 0, phiAt); // φ̃_k = βσ_k √2 sin(2πkx)
    }
    wasm.pairs(phiAt, psiAt, outAt, count, tau, r, sym ? 1 : 0, rho0);
    return new Float32Array(buffer, outAt, n * tau);
  };
}
