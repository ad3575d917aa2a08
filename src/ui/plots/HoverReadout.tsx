import type { ChartSpec, Frame } from './canvas-chart';

export interface Hover {
  /** Index into the x values of the series. */
  readonly index: number;
  readonly left: number;
  readonly top: number;
}

/** The index of the data point nearest to a horizontal pixel position, if any. */
export function nearestIndex(spec: ChartSpec, f: Frame, xPixel: number): { index: number } | null {
  const xs = spec.series[0]?.x;
  if (!xs || xs.length === 0) return null;
  const step = f.x0 + ((xPixel - f.left) / f.width) * (f.x1 - f.x0);
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs((xs[i] as number) - step) < Math.abs((xs[best] as number) - step)) best = i;
  return { index: best };
}

/** The values of every (non-faint) series at the hovered step, next to the pointer. */
export function HoverReadout({ spec, hover }: { spec: ChartSpec; hover: Hover }) {
  const shown = spec.series.filter((s) => !s.faint).slice(0, 16);
  const step = spec.series[0]?.x[hover.index];
  return (
    <div className="hover-readout" style={{ left: hover.left + 12, top: hover.top + 12 }} role="status">
      <div className="hover-step">step {step}</div>
      {shown.map((s, i) => {
        const raw = spec.series.find((r) => r.faint && r.label === s.label)?.y[hover.index];
        const y = s.y[hover.index];
        return (
          <div key={i}>
            <span className="swatch" style={{ background: s.color }} /> {s.label}: {y == null ? '–' : y.toExponential(3)}
            {raw != null ? ` (raw ${raw.toExponential(3)})` : ''}
          </div>
        );
      })}
    </div>
  );
}
