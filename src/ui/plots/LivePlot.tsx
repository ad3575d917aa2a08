import Plotly from 'plotly.js-cartesian-dist-min';
import type { Config, Data, Layout, PlotDatum } from 'plotly.js-cartesian-dist-min';
import { useEffect, useRef } from 'react';
import type { RunStoreState } from '../../state/app-state';
import { useApp } from '../app-context';
import { readTheme, type PlotTheme } from './plot-theme';

/** A plotly figure: traces and layout. */
export interface Figure {
  readonly data: Data[];
  readonly layout: Partial<Layout>;
  /** Written as `data-<name>` attributes on the plot's element after each draw (tests read them). */
  readonly attrs?: Readonly<Record<string, string>>;
}

/** At most ~10 redraws a second, however fast metrics stream in… */
const MIN_REDRAW_MS = 100;
/** …and, on a busy machine, at least this many times a draw's own duration between two draws. */
const IDLE_FACTOR = 4;
const PLOT_CONFIG: Partial<Config> = { displaylogo: false, responsive: true, showSendToCloud: false };

interface Props {
  /** Builds the figure from the run state; a new function (e.g. new smoothing) triggers a redraw. */
  readonly figure: (run: RunStoreState, theme: PlotTheme) => Figure;
  /** What the figure depends on; the plot redraws only when an entry changes (arrays grow in place). */
  readonly watch: (run: RunStoreState) => readonly unknown[];
  readonly testId: string;
  readonly label: string;
  /** Called with the point the user clicked (plotly_click). */
  readonly onPoint?: (point: PlotDatum) => void;
}

/**
 * A plotly chart fed by a run-store subscription, not by React renders: a change of what it
 * watches requests a redraw, and requests are coalesced into one `Plotly.react` per MIN_REDRAW_MS
 * (longer when draws are slow, so a busy machine gets fewer redraws rather than a sluggish page).
 */
export function LivePlot({ figure, watch, testId, label, onPoint }: Props) {
  const { run } = useApp();
  const el = useRef<HTMLDivElement>(null);
  const figureRef = useRef(figure);
  const watchRef = useRef(watch);
  const requestRef = useRef<(() => void) | null>(null);
  const pointRef = useRef(onPoint);

  useEffect(() => {
    const div = el.current;
    if (!div) return;
    let timer: number | null = null;
    let last = -Infinity;
    let gap = MIN_REDRAW_MS;
    // Read once: getComputedStyle at every draw would force a style recalculation each time.
    const theme = readTheme(div);
    let bound = false;
    let alive = true;
    const draw = (): void => {
      timer = null;
      const started = performance.now();
      const f = figureRef.current(run.getState(), theme);
      void Plotly.react(div, f.data, f.layout, PLOT_CONFIG).then((gd) => {
        if (bound || !alive) return;
        bound = true;
        gd.on('plotly_click', (e) => {
          const p = e.points[0];
          if (p) pointRef.current?.(p);
        });
      });
      for (const [name, value] of Object.entries(f.attrs ?? {})) div.setAttribute(`data-${name}`, value);
      // Counted from the end of a draw, so the page always has time to itself in between.
      last = performance.now();
      gap = Math.max(MIN_REDRAW_MS, IDLE_FACTOR * (last - started));
    };
    const request = (): void => {
      if (timer === null) timer = window.setTimeout(draw, Math.max(0, gap - (performance.now() - last)));
    };
    requestRef.current = request;
    request();
    let watched = watchRef.current(run.getState());
    const unsubscribe = run.subscribe((s) => {
      const next = watchRef.current(s);
      if (next.length === watched.length && next.every((v, i) => Object.is(v, watched[i]))) return;
      watched = next;
      request();
    });
    return () => {
      alive = false;
      unsubscribe();
      if (timer !== null) window.clearTimeout(timer);
      requestRef.current = null;
      Plotly.purge(div);
    };
  }, [run]);

  useEffect(() => {
    figureRef.current = figure;
    watchRef.current = watch;
    requestRef.current?.();
  }, [figure, watch]);

  useEffect(() => {
    pointRef.current = onPoint;
  }, [onPoint]);

  return <div ref={el} className="plot" data-testid={testId} aria-label={label} role="figure" />;
}
