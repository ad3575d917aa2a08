import type { Config, Data, Layout, PlotDatum } from 'plotly.js-cartesian-dist-min';
import { useEffect, useRef, useState } from 'react';
import type { RunStoreState } from '../../state/app-state';
import { useApp } from '../app-context';
import { readTheme, type PlotTheme } from './plot-theme';
import { onThemeChange } from '../theme/theme';
import { useHeldRedraw, type RedrawApi } from './use-held-redraw';
import { loadPlotly } from './plotly';

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
  /**
   * While true, redraws are held back (one is kept pending and made when the hold ends): a plotly
   * draw is a main-thread task of tens to hundreds of ms, too long to repeat while training runs.
   */
  readonly hold?: boolean;
  /** A change of this number draws at once, hold or not (user actions: scrubbing, choosing a lane). */
  readonly drawNow?: number;
}

/**
 * A plotly chart fed by a run-store subscription, not by React renders: a change of what it
 * watches requests a redraw, and requests are coalesced into one `Plotly.react` per MIN_REDRAW_MS
 * (longer when draws are slow, so a busy machine gets fewer redraws rather than a sluggish page).
 */
export function LivePlot({ figure, watch, testId, label, onPoint, hold = false, drawNow = 0 }: Props) {
  const { run } = useApp();
  const el = useRef<HTMLDivElement>(null);
  const figureRef = useRef(figure);
  const watchRef = useRef(watch);
  const pointRef = useRef(onPoint);
  const plotRef = useRef<RedrawApi | null>(null);
  const holdRef = useHeldRedraw(plotRef, hold, drawNow);
  // Whether newer data waits behind a hold (shown over the plot, with a way to draw it now).
  const [stale, setStale] = useState(false);

  useEffect(() => {
    const div = el.current;
    if (!div) return;
    let timer: number | null = null;
    let last = -Infinity;
    let gap = MIN_REDRAW_MS;
    let pending = false;
    let bound = false;
    let alive = true;
    // Read at mount and on a theme switch only: getComputedStyle per draw forces a style recalculation.
    let theme = readTheme(div);
    const draw = (): void => {
      timer = null;
      if (pending) setStale(false);
      pending = false;
      const started = performance.now();
      const f = figureRef.current(run.getState(), theme);
      void loadPlotly().then(async (Plotly) => {
        if (!alive) return;
        const drawStarted = performance.now();
        const drawing = Plotly.react(div, f.data, f.layout, PLOT_CONFIG);
        // The draw's synchronous part sets the pace (plotly is loaded on the first draw only).
        last = performance.now();
        gap = Math.max(MIN_REDRAW_MS, IDLE_FACTOR * (last - drawStarted));
        const gd = await drawing;
        if (bound || !alive) return;
        bound = true;
        gd.on('plotly_click', (e) => {
          const p = e.points[0];
          if (p) pointRef.current?.(p);
        });
      });
      for (const [name, value] of Object.entries(f.attrs ?? {})) div.setAttribute(`data-${name}`, value);
      // Counted from the end of a draw, so the page always has time to itself in between (updated
      // once plotly has drawn).
      last = performance.now();
      gap = Math.max(gap, MIN_REDRAW_MS, IDLE_FACTOR * (last - started));
    };
    const request = (force: boolean): void => {
      if (holdRef.current && !force && last > -Infinity) {
        if (!pending) setStale(true);
        pending = true;
        return;
      }
      if (force && timer !== null) window.clearTimeout(timer);
      if (force || timer === null) timer = window.setTimeout(draw, force ? 0 : Math.max(0, gap - (performance.now() - last)));
    };
    plotRef.current = { request, pending: () => pending };
    request(false);
    // A theme switch is the reader's own action: redraw at once, hold or not.
    const offTheme = onThemeChange(() => {
      theme = readTheme(div);
      request(true);
    });
    let watched = watchRef.current(run.getState());
    const unsubscribe = run.subscribe((s) => {
      const next = watchRef.current(s);
      if (next.length === watched.length && next.every((v, i) => Object.is(v, watched[i]))) return;
      watched = next;
      request(false);
    });
    return () => {
      alive = false;
      unsubscribe();
      offTheme();
      if (timer !== null) window.clearTimeout(timer);
      plotRef.current = null;
      void loadPlotly().then((Plotly) => Plotly.purge(div));
    };
  }, [run, holdRef]); // holdRef: a stable ref from useHeldRedraw

  useEffect(() => {
    figureRef.current = figure;
    watchRef.current = watch;
    plotRef.current?.request(false);
  }, [figure, watch]);

  useEffect(() => {
    pointRef.current = onPoint;
  }, [onPoint]);

  return (
    <div className="live-plot">
      <div ref={el} className="plot" data-testid={testId} aria-label={label} role="figure" />
      {stale && hold ? (
        <div className="plot-held" data-testid={`${testId}-held`}>
          Newer data held while training{' '}
          <button type="button" className="link" onClick={() => plotRef.current?.request(true)}>
            draw now
          </button>
        </div>
      ) : null}
    </div>
  );
}
