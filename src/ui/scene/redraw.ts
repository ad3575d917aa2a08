/**
 * The one redraw loop of every figure on the page (SceneCanvas, ScenePlot): it subscribes to the
 * run store, rebuilds the scene when what it watches changes, at most ~10 times a second (less on a
 * busy machine), builds stepped scenes a slice at a time, honours the paper views' hold, and redraws
 * at once on a theme switch or a user action.
 */
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { RunStoreState } from '../../state/app-state';
import { useApp } from '../app-context';
import { onThemeChange } from '../theme/theme';
import { isSteps, markNames, panelsOf, type Figure, type Scene, type SceneSteps } from './scene';
import { readTheme, type PlotTheme } from './theme';

/** When the paper views may redraw: held while training runs (unless live), at once on a user action. */
export interface Redraw {
  readonly hold: boolean;
  /** Bumped by user actions (scrubbing, choosing a lane, "Redraw now"): draws at once, hold or not. */
  readonly token: number;
  poke(): void;
}

/** Outside the views panel (live curves, history) nothing holds. */
export const RedrawContext = createContext<Redraw>({ hold: false, token: 0, poke: () => undefined });

export function useRedraw(): Redraw {
  return useContext(RedrawContext);
}

/** At most ~10 redraws a second, however fast metrics stream in… */
const MIN_REDRAW_MS = 100;
/** …and at least this many times a draw's own duration between two draws on a busy machine. */
const IDLE_FACTOR = 4;
/** A stepped scene builds this long at most per task before giving the page a turn. */
const SLICE_MS = 8;

export interface Size {
  readonly w: number;
  readonly h: number;
}

export interface LoopProps {
  /**
   * Builds the figure from the run state (at once, or in steps run SLICE_MS at a time); a new
   * function (new lane, snapshot, smoothing) redraws.
   */
  readonly scene: (run: RunStoreState, theme: PlotTheme) => Figure | SceneSteps;
  /** What the figure depends on in the run store; it redraws only when an entry changes (arrays grow in place). */
  readonly watch: (run: RunStoreState) => readonly unknown[];
}

/** Paints a built figure at the element's size (CSS px). */
export type Paint = (figure: Figure, theme: PlotTheme, size: Size) => void;

/**
 * Runs the loop for the element `el` (its box gets the scene's data-* attributes, data-marks and the
 * draw counters); `paint` draws. Returns whether newer data waits behind a hold, and a way to draw it.
 */
export function useRedrawLoop(el: RefObject<HTMLElement | null>, { scene, watch }: LoopProps, paint: Paint): { stale: boolean; drawNow: () => void } {
  const { run } = useApp();
  const { hold, token } = useRedraw();
  const sceneRef = useRef(scene);
  const watchRef = useRef(watch);
  const paintRef = useRef(paint);
  const holdRef = useRef(hold);
  const api = useRef<{ request(force: boolean): void; pending(): boolean } | null>(null);
  const [stale, setStale] = useState(false);

  useEffect(() => {
    const box = el.current;
    if (!box) return;
    // Read at mount and on a theme switch only: getComputedStyle per draw forces a style recalculation.
    let theme = readTheme(box);
    let size: Size = { w: box.clientWidth, h: box.clientHeight };
    let timer: number | null = null;
    let last = -Infinity;
    let gap = MIN_REDRAW_MS;
    let pending = false;
    let draws = 0;
    let shown: Figure | null = null;
    const show = (f: Figure, busy: number, slices: number): void => {
      const started = performance.now();
      paintRef.current(f, theme, size);
      shown = f;
      last = performance.now();
      const paintMs = last - started;
      // The next draw waits IDLE_FACTOR × the longest task this one took (a build slice or the paint).
      gap = Math.max(MIN_REDRAW_MS, IDLE_FACTOR * Math.max(paintMs, slices > 1 ? SLICE_MS : busy));
      draws++;
      const panels = panelsOf(f);
      for (const p of panels) for (const [name, value] of Object.entries(p.attrs)) box.setAttribute(`data-${name}`, value);
      box.setAttribute('data-marks', panels.flatMap(markNames).join(';'));
      box.setAttribute('data-draws', String(draws));
      // What the last draw cost the page: building the scene (over `slices` tasks) and painting it.
      box.setAttribute('data-build-ms', busy.toFixed(1));
      box.setAttribute('data-paint-ms', paintMs.toFixed(1));
      box.setAttribute('data-slices', String(slices));
    };
    /** A stepped build in progress: its steps, the main-thread time it took so far, its tasks. */
    let job: { steps: SceneSteps; busy: number; slices: number } | null = null;
    let sliceTimer: number | null = null;
    const slice = (): void => {
      sliceTimer = null;
      const j = job;
      if (!j) return;
      const t0 = performance.now();
      let r = j.steps.next();
      while (!r.done && performance.now() - t0 < SLICE_MS) r = j.steps.next();
      j.busy += performance.now() - t0;
      j.slices++;
      if (!r.done) {
        sliceTimer = window.setTimeout(slice, 0);
        return;
      }
      job = null;
      // Painted in a task of its own when the build took more than one.
      const built: Scene = r.value;
      if (j.slices === 1) show(built, j.busy, 1);
      else sliceTimer = window.setTimeout(() => show(built, j.busy, j.slices), 0);
    };
    const draw = (): void => {
      timer = null;
      if (pending) setStale(false);
      pending = false;
      // A newer request replaces a build still in progress.
      if (sliceTimer !== null) window.clearTimeout(sliceTimer);
      const t0 = performance.now();
      const built = sceneRef.current(run.getState(), theme);
      if (isSteps(built)) {
        job = { steps: built, busy: performance.now() - t0, slices: 0 };
        slice();
      } else {
        job = null;
        show(built, performance.now() - t0, 1);
      }
    };
    const request = (force: boolean): void => {
      if (holdRef.current && !force && draws > 0) {
        if (!pending) setStale(true);
        pending = true;
        return;
      }
      if (force && timer !== null) window.clearTimeout(timer);
      if (force || timer === null) timer = window.setTimeout(draw, force ? 0 : Math.max(0, gap - (performance.now() - last)));
    };
    api.current = { request, pending: () => pending };
    // A new size repaints what is shown (a held view stays held); a theme switch redraws at once.
    const resize = new ResizeObserver(() => {
      size = { w: box.clientWidth, h: box.clientHeight };
      if (shown) paintRef.current(shown, theme, size);
    });
    resize.observe(box);
    const offTheme = onThemeChange(() => {
      theme = readTheme(box);
      request(true);
    });
    request(false);
    let watched = watchRef.current(run.getState());
    const unsubscribe = run.subscribe((s) => {
      const next = watchRef.current(s);
      if (next.length === watched.length && next.every((v, i) => Object.is(v, watched[i]))) return;
      watched = next;
      request(false);
    });
    return () => {
      unsubscribe();
      offTheme();
      resize.disconnect();
      if (timer !== null) window.clearTimeout(timer);
      if (sliceTimer !== null) window.clearTimeout(sliceTimer);
      job = null;
      api.current = null;
    };
  }, [run, el]);

  useEffect(() => {
    sceneRef.current = scene;
    watchRef.current = watch;
    api.current?.request(false);
  }, [scene, watch]);

  useEffect(() => {
    paintRef.current = paint;
  }, [paint]);

  // Releasing the hold makes the pending redraw; a new token (not its first value) draws at once.
  useEffect(() => {
    holdRef.current = hold;
    if (!hold && api.current?.pending()) api.current.request(false);
  }, [hold]);
  const firstToken = useRef(token);
  useEffect(() => {
    if (token !== firstToken.current) api.current?.request(true);
  }, [token]);

  return { stale: stale && hold, drawNow: () => api.current?.request(true) };
}
