import { useEffect, useRef, useState } from 'react';
import type { RunStoreState } from '../../state/app-state';
import { useApp } from '../app-context';
import { readTheme, type PlotTheme } from '../plots/plot-theme';
import { drawScene } from '../scene/draw';
import { hitTest, type Frame } from '../scene/layout';
import { isSteps, markNames, type Scene, type SceneSteps } from '../scene/scene';
import { onThemeChange } from '../theme/theme';
import { useRedraw } from './redraw';
import { SceneReadout, type SceneHover } from './SceneReadout';
import { useHeldRedraw, type RedrawApi } from '../plots/use-held-redraw';

/** At most ~10 redraws a second, however fast metrics stream in… */
const MIN_REDRAW_MS = 100;
/** …and at least this many times a draw's own duration between two draws on a busy machine. */
const IDLE_FACTOR = 4;
/** A stepped scene builds this long at most per task before giving the page a turn. */
const SLICE_MS = 8;

interface Props {
  /**
   * Builds the scene from the run state (at once, or in steps run SLICE_MS at a time); a new
   * function (new lane, snapshot, centring) redraws.
   */
  readonly scene: (run: RunStoreState, theme: PlotTheme) => Scene | SceneSteps;
  /** What the scene depends on in the run store; it redraws only when an entry changes. */
  readonly watch: (run: RunStoreState) => readonly unknown[];
  readonly testId: string;
  readonly label: string;
  /** Called with the lane of a clicked target (the rate plot's points). */
  readonly onLane?: (lane: number) => void;
}

/**
 * A paper view drawn on a canvas from a run-store subscription (not React renders). A draw takes a
 * few ms, so the view follows training live; the views' "hold" (useRedraw) still freezes it on
 * request, keeping one redraw pending, and a user action (drawNow token, theme switch) draws at once.
 */
export function ViewCanvas({ scene, watch, testId, label, onLane }: Props) {
  const { run } = useApp();
  const { hold, token } = useRedraw();
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sceneRef = useRef(scene);
  const watchRef = useRef(watch);
  const laneRef = useRef(onLane);
  const api = useRef<RedrawApi | null>(null);
  const holdRef = useHeldRedraw(api, hold, token);
  const drawn = useRef<{ scene: Scene; frame: Frame } | null>(null);
  const [hover, setHover] = useState<SceneHover | null>(null);
  const [stale, setStale] = useState(false);

  useEffect(() => {
    const box = boxRef.current;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!box || !canvas || !ctx) return;
    // Read at mount and on a theme switch only: getComputedStyle per draw forces a style recalculation.
    let theme = readTheme(canvas);
    let timer: number | null = null;
    let last = -Infinity;
    let gap = MIN_REDRAW_MS;
    let pending = false;
    let draws = 0;
    let size = { w: canvas.clientWidth, h: canvas.clientHeight };
    /** Paint a scene at the current size. */
    const paint = (s: Scene): void => {
      const dpr = window.devicePixelRatio || 1;
      const w = Math.round(size.w * dpr);
      const h = Math.round(size.h * dpr);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const frame = drawScene(ctx, s, size.w, size.h, theme);
      drawn.current = { scene: s, frame };
      // Where the clickable targets landed, in CSS px ("lane:x:y;…"), for tests to click.
      const hits = s.targets.flatMap((t) => (t.lane === undefined ? [] : [`${t.lane}:${frame.sx.map(t.x).toFixed(1)}:${frame.sy.map(t.y).toFixed(1)}`]));
      if (hits.length > 0) box.setAttribute('data-hit', hits.join(';'));
    };
    /** A stepped build in progress: its steps, the main-thread time it took so far, its tasks. */
    let job: { steps: SceneSteps; busy: number; slices: number } | null = null;
    let sliceTimer: number | null = null;
    const show = (s: Scene, busy: number, slices: number): void => {
      const started = performance.now();
      paint(s);
      last = performance.now();
      const paintMs = last - started;
      // The next draw waits IDLE_FACTOR × the longest task this one took (a build slice or the paint).
      gap = Math.max(MIN_REDRAW_MS, IDLE_FACTOR * Math.max(paintMs, slices > 1 ? SLICE_MS : busy));
      draws++;
      for (const [name, value] of Object.entries(s.attrs)) box.setAttribute(`data-${name}`, value);
      box.setAttribute('data-marks', markNames(s).join(';'));
      box.setAttribute('data-draws', String(draws));
      // What the last draw cost the page: building the scene (over `slices` tasks) and painting it.
      box.setAttribute('data-build-ms', busy.toFixed(1));
      box.setAttribute('data-paint-ms', paintMs.toFixed(1));
      box.setAttribute('data-slices', String(slices));
    };
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
      const scene = r.value;
      if (j.slices === 1) show(scene, j.busy, 1);
      else sliceTimer = window.setTimeout(() => show(scene, j.busy, j.slices), 0);
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
      size = { w: canvas.clientWidth, h: canvas.clientHeight };
      if (drawn.current) paint(drawn.current.scene);
    });
    resize.observe(canvas);
    const offTheme = onThemeChange(() => {
      theme = readTheme(canvas);
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
  }, [run, holdRef]); // holdRef: a stable ref from useHeldRedraw

  useEffect(() => {
    sceneRef.current = scene;
    watchRef.current = watch;
    api.current?.request(false);
  }, [scene, watch]);

  useEffect(() => {
    laneRef.current = onLane;
  }, [onLane]);

  const at = (e: React.MouseEvent<HTMLCanvasElement>): SceneHover | null => {
    const d = drawn.current;
    if (!d || d.scene.empty !== null) return null;
    const rect = e.currentTarget.getBoundingClientRect();
    const left = e.clientX - rect.left;
    const top = e.clientY - rect.top;
    const target = hitTest(d.scene, d.frame, left, top);
    return target ? { target, lines: target.lines(), left, top, width: rect.width } : null;
  };

  return (
    <div className="live-plot">
      <div ref={boxRef} className="plot live-chart" data-testid={testId}>
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={label}
          style={hover?.target.lane !== undefined && onLane ? { cursor: 'pointer' } : undefined}
          onPointerMove={(e) => setHover(at(e))}
          onPointerLeave={() => setHover(null)}
          onClick={(e) => {
            const lane = at(e)?.target.lane;
            if (lane !== undefined) laneRef.current?.(lane);
          }}
        />
        {hover ? <SceneReadout hover={hover} /> : null}
      </div>
      {stale && hold ? (
        <div className="plot-held" data-testid={`${testId}-held`}>
          Newer data held while training{' '}
          <button type="button" className="link" onClick={() => api.current?.request(true)}>
            draw now
          </button>
        </div>
      ) : null}
    </div>
  );
}
