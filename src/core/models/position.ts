/** Sinusoidal position table [τ, n] (Vaswani et al.): PE(t, 2i) = sin(t/10000^(2i/n)), PE(t, 2i+1) = cos(…). */
export function positionTable(tau: number, n: number): Float32Array {
  const out = new Float32Array(tau * n);
  for (let t = 0; t < tau; t++) {
    for (let i = 0; i < n; i++) {
      const freq = Math.pow(10000, -(2 * Math.floor(i / 2)) / n);
      out[t * n + i] = i % 2 === 0 ? Math.sin(t * freq) : Math.cos(t * freq);
    }
  }
  return out;
}
