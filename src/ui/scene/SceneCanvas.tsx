import { useCallback, useRef, useState } from 'react';
import { drawFigure } from './draw';
import { hitTest, type Frame } from './layout';
import { useRedrawLoop, type LoopProps, type Paint } from './redraw';
import { panelsOf, type Scene } from './scene';
import { SceneReadout, type SceneHover } from './SceneReadout';

interface Props extends LoopProps {
  readonly testId: string;
  readonly label: string;
  /** Called with the lane of a clicked target (the rate plot's points). */
  readonly onLane?: (lane: number) => void;
  /** Extra class of the plot's box ('compare-chart'). */
  readonly className?: string;
}

/**
 * A figure painted on a canvas by the redraw loop (a few ms a draw, so it follows training live);
 * hovering reads the target under the pointer, a click on one with a lane selects it.
 */
export function SceneCanvas({ scene, watch, testId, label, onLane, className }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<{ scene: Scene; frame: Frame } | null>(null);
  const [hover, setHover] = useState<SceneHover | null>(null);

  const paint = useCallback<Paint>((figure, theme, size) => {
    const canvas = canvasRef.current;
    const box = boxRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !box || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(size.w * dpr);
    const h = Math.round(size.h * dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const frames = drawFigure(ctx, figure, size.w, size.h, theme);
    // Hover and clicks read a single scene (the views); a figure of several panels is only shown.
    const [only] = panelsOf(figure);
    const frame = frames[0]?.frame;
    if (frames.length !== 1 || !only || !frame) {
      drawn.current = null;
      return;
    }
    drawn.current = { scene: only, frame };
    // Where the clickable targets landed, in CSS px ("lane:x:y;…"), for tests to click.
    const hits = only.targets.flatMap((t) => (t.lane === undefined ? [] : [`${t.lane}:${frame.sx.map(t.x).toFixed(1)}:${frame.sy.map(t.y).toFixed(1)}`]));
    if (hits.length > 0) box.setAttribute('data-hit', hits.join(';'));
  }, []);
  const { stale, drawNow } = useRedrawLoop(boxRef, { scene, watch }, paint);

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
      <div ref={boxRef} className={`plot live-chart${className ? ` ${className}` : ''}`} data-testid={testId}>
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={label}
          style={hover?.target.lane !== undefined && onLane ? { cursor: 'pointer' } : undefined}
          onPointerMove={(e) => setHover(at(e))}
          onPointerLeave={() => setHover(null)}
          onClick={(e) => {
            const lane = at(e)?.target.lane;
            if (lane !== undefined) onLane?.(lane);
          }}
        />
        {hover ? <SceneReadout hover={hover} /> : null}
      </div>
      {stale ? <HeldNote testId={testId} drawNow={drawNow} /> : null}
    </div>
  );
}

/** Over a held figure: newer data waits, and a way to draw it now. */
export function HeldNote({ testId, drawNow }: { readonly testId: string; readonly drawNow: () => void }) {
  return (
    <div className="plot-held" data-testid={`${testId}-held`}>
      Newer data held while training{' '}
      <button type="button" className="link" onClick={drawNow}>
        draw now
      </button>
    </div>
  );
}
