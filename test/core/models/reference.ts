/**
 * An independent float64 forward pass of the eq. 5 Transformer written with plain loops, for checking
 * the tfjs model's outputs and gradients (finite differences).
 */
export interface RefParams {
  /** f̂ layers: w [in·out] row-major, b [out] */
  readonly f: ReadonlyArray<{ w: Float64Array; b: Float64Array; in: number; out: number }>;
  readonly g: ReadonlyArray<{ w: Float64Array; b: Float64Array; in: number; out: number }>;
  /** W_QKV [n, 2M + mV] row-major */
  readonly qkv: Float64Array;
  readonly n: number;
  readonly M: number;
  readonly mH: number;
  readonly mV: number;
  readonly scale: number;
  readonly onehot: boolean;
}

function layer(x: Float64Array, w: Float64Array, b: Float64Array, inD: number, outD: number, relu: boolean): Float64Array {
  const y = new Float64Array(outD);
  for (let j = 0; j < outD; j++) {
    let acc = b[j] as number;
    for (let i = 0; i < inD; i++) acc += (x[i] as number) * (w[i * outD + j] as number);
    y[j] = relu ? Math.max(0, acc) : acc;
  }
  return y;
}

function mlp(x: Float64Array, layers: RefParams['f']): Float64Array {
  let h = x;
  layers.forEach((l, i) => (h = layer(h, l.w, l.b, l.in, l.out, i < layers.length - 1)));
  return h;
}

/** ŷ [B·T] for inputs x [B·T]. */
export function referenceForward(p: RefParams, x: Float64Array, B: number, T: number): Float64Array {
  const y = new Float64Array(B * T);
  const width = 2 * p.M + p.mV;
  for (let b = 0; b < B; b++) {
    const q: Float64Array[] = [];
    const k: Float64Array[] = [];
    const v: Float64Array[] = [];
    for (let t = 0; t < T; t++) {
      const xin = new Float64Array(1 + (p.onehot ? T : 0));
      xin[0] = x[b * T + t] as number;
      if (p.onehot) xin[1 + t] = 1;
      const h = mlp(xin, p.f);
      const proj = new Float64Array(width);
      for (let j = 0; j < width; j++) {
        let acc = 0;
        for (let i = 0; i < p.n; i++) acc += (h[i] as number) * (p.qkv[i * width + j] as number);
        proj[j] = acc;
      }
      q.push(proj.slice(0, p.mH).map((u) => u * p.scale));
      k.push(proj.slice(p.M, p.M + p.mH));
      v.push(proj.slice(2 * p.M, 2 * p.M + p.mV));
    }
    for (let t = 0; t < T; t++) {
      const s = new Float64Array(T);
      for (let u = 0; u < T; u++) {
        let acc = 0;
        for (let j = 0; j < p.mH; j++) acc += (q[t]?.[j] as number) * (k[u]?.[j] as number);
        s[u] = acc;
      }
      const max = Math.max(...s);
      const e = s.map((z) => Math.exp(z - max));
      const z = e.reduce((a, c) => a + c, 0);
      const o = new Float64Array(p.mV);
      for (let u = 0; u < T; u++) for (let j = 0; j < p.mV; j++) o[j] = (o[j] as number) + ((e[u] as number) / z) * (v[u]?.[j] as number);
      y[b * T + t] = mlp(o, p.g)[0] as number;
    }
  }
  return y;
}

export function referenceLoss(p: RefParams, x: Float64Array, target: Float64Array, B: number, T: number): number {
  const yHat = referenceForward(p, x, B, T);
  let acc = 0;
  for (let i = 0; i < yHat.length; i++) acc += ((yHat[i] as number) - (target[i] as number)) ** 2;
  return acc / yHat.length;
}
