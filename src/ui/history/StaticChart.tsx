import { useEffect, useRef } from 'react';
import { drawChart } from '../plots/canvas-chart';
import type { ChartSpec } from '../plots/canvas-chart';
import { readTheme } from '../plots/plot-theme';
import { onThemeChange } from '../theme/theme';

interface Props {
  readonly spec: ChartSpec;
  readonly label: string;
  readonly testId: string;
}

/** A canvas chart of fixed data (kept runs): drawn on mount, on resize and on a theme switch. */
export function StaticChart({ spec, label, testId }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const draw = (): void => {
      const dpr = window.devicePixelRatio || 1;
      const w = canvas.clientWidth;
      const h = canvas.clientHeight;
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      drawChart(ctx, spec, w, h, readTheme(canvas));
    };
    const resize = new ResizeObserver(draw);
    resize.observe(canvas);
    const off = onThemeChange(draw);
    return () => {
      resize.disconnect();
      off();
    };
  }, [spec]);
  return (
    <div className="plot live-chart compare-chart" data-testid={testId} data-series={spec.series.length}>
      <canvas ref={ref} role="img" aria-label={label} />
    </div>
  );
}
