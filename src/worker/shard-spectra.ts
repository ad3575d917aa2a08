import type { LogitSpectra } from '../core/results';

/** The spectra of several groups' Transformer lanes at one step, as one LogitSpectra in run lane order. */
export function joinSpectra(parts: readonly LogitSpectra[]): LogitSpectra {
  const first = parts[0];
  if (!first) throw new Error('joinSpectra: no parts');
  if (parts.length === 1) return first;
  const { count, keep, step } = first;
  const at = parts.flatMap((p, pi) => p.lanes.map((lane, k) => ({ lane, pi, k }))).sort((a, b) => a.lane - b.lane);
  const perSeq = count * keep;
  const raw = new Float32Array(at.length * perSeq);
  const centred = new Float32Array(at.length * perSeq);
  const attention = new Float32Array(at.length * keep * keep);
  at.forEach(({ pi, k }, j) => {
    const p = parts[pi] as LogitSpectra;
    raw.set(p.raw.subarray(k * perSeq, (k + 1) * perSeq), j * perSeq);
    centred.set(p.centred.subarray(k * perSeq, (k + 1) * perSeq), j * perSeq);
    attention.set(p.attention.subarray(k * keep * keep, (k + 1) * keep * keep), j * keep * keep);
  });
  const lanes = at.map((a) => a.lane);
  return { step, lanes, count, keep, raw, centred, attention, attentionCount: first.attentionCount };
}
