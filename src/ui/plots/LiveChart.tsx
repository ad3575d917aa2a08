import { useEffect, useRef, useState } from 'react';
import type { RunStoreState } from '../../state/app-state';
import { useApp } from '../app-context';
import { drawChart } from './canvas-chart';
import type { ChartSpec, Frame } from './canvas-chart';
import { HoverReadout, nearestIndex } from './HoverReadout';
import type { Hover } from './HoverReadout';
import { readTheme } from './plot-theme';
import { onThemeChange } from '../theme/theme';

/** At most ~10 redraws a second, however fast metrics stream in. */
const MIN_REDRAW_MS = 100;

interface Props {
  /** Builds the chart from the run state; a new function (e.g. new smoothing) triggers a redraw. */
  readonly chart: (run: RunStoreState) => ChartSpec;
  /** What the chart depends on; it redraws only when an entry changes (arrays grow in place). */
  readonly watch: (run: RunStoreState) => readonly unknown[];
  readonly testId: string;
  readonly label: string;
}

/**
 * A live canvas chart fed by a run-store subscription, not by React renders; redraws are coalesced
 * to one per MIN_REDRAW_MS. Hovering shows every series' value at the nearest step.
 */
export function LiveChart({ chart, watch, testId, label }: Props) {
  const { run } = useApp();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef(chart);
  const watchRef = useRef(watch);
  const requestRef = useRef<(() => void) | null>(null);
  const drawn = useRef<{ spec: ChartSpec; frame: Frame } | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [seriesCount, setSeriesCount] = useState(0);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    // Read at mount and on a theme switch only: getComputedStyle per draw forces a style recalculation.
    let theme = readTheme(canvas);
    let timer: number | null = null;
    let last = -Infinity;
    let size = { w: canvas.clientWidth, h: canvas.clientHeight };
    const draw = (): void => {
      timer = null;
      last = performance.now();
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(size.w * dpr) || canvas.height !== Math.round(size.h * dpr)) {
        canvas.width = Math.round(size.w * dpr);
        canvas.height = Math.round(size.h * dpr);
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const spec = chartRef.current(run.getState());
      drawn.current = { spec, frame: drawChart(ctx, spec, size.w, size.h, theme) };
      setSeriesCount(spec.series.length);
    };
    const request = (): void => {
      if (timer === null) timer = window.setTimeout(draw, Math.max(0, MIN_REDRAW_MS - (performance.now() - last)));
    };
    requestRef.current = request;
    const resize = new ResizeObserver(() => {
      size = { w: canvas.clientWidth, h: canvas.clientHeight };
      request();
    });
    resize.observe(canvas);
    request();
    const offTheme = onThemeChange(() => {
      theme = readTheme(canvas);
      request();
    });
    let watched = watchRef.current(run.getState());
    const unsubscribe = run.subscribe((s) => {
      const next = watchRef.current(s);
      if (next.length === watched.length && next.every((v, i) => Object.is(v, watched[i]))) return;
      watched = next;
      request();
    });
    return () => {
      unsubscribe();
      offTheme();
      resize.disconnect();
      if (timer !== null) window.clearTimeout(timer);
      requestRef.current = null;
    };
  }, [run]);

  useEffect(() => {
    chartRef.current = chart;
    watchRef.current = watch;
    requestRef.current?.();
  }, [chart, watch]);

  const onMove = (e: React.PointerEvent<HTMLCanvasElement>): void => {
    const d = drawn.current;
    if (!d) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const at = nearestIndex(d.spec, d.frame, e.clientX - rect.left);
    setHover(at === null ? null : { ...at, left: e.clientX - rect.left, top: e.clientY - rect.top });
  };

  return (
    <div className="plot live-chart" data-testid={testId} data-series={seriesCount}>
      <canvas ref={canvasRef} role="img" aria-label={label} onPointerMove={onMove} onPointerLeave={() => setHover(null)} />
      {hover && drawn.current ? <HoverReadout spec={drawn.current.spec} hover={hover} /> : null}
    </div>
  );
}
