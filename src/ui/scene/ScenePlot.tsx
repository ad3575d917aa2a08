import type { Config } from 'plotly.js-cartesian-dist-min';
import { useCallback, useEffect, useRef } from 'react';
import { loadPlotly, plotlyFigure } from './plotly';
import { useRedrawLoop, type LoopProps, type Paint } from './redraw';
import { HeldNote } from './SceneCanvas';

const PLOT_CONFIG: Partial<Config> = { displaylogo: false, responsive: true, showSendToCloud: false };

interface Props extends LoopProps {
  readonly testId: string;
  readonly label: string;
}

/**
 * A figure drawn by plotly (zoom, pan and hover of its own) from the same scene as the canvas
 * figures, through the one adapter; it redraws by the same loop. Used for the static plots.
 */
export function ScenePlot({ scene, watch, testId, label }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const paint = useCallback<Paint>((figure, theme) => {
    const div = el.current;
    if (!div) return;
    const { data, layout } = plotlyFigure(figure, theme);
    void loadPlotly().then((Plotly) => (el.current === div ? Plotly.react(div, data, layout, PLOT_CONFIG) : undefined));
  }, []);
  const { stale, drawNow } = useRedrawLoop(el, { scene, watch }, paint);
  useEffect(() => {
    const div = el.current;
    return () => {
      if (div) void loadPlotly().then((Plotly) => Plotly.purge(div));
    };
  }, []);
  return (
    <div className="live-plot">
      <div ref={el} className="plot" data-testid={testId} aria-label={label} role="figure" />
      {stale ? <HeldNote testId={testId} drawNow={drawNow} /> : null}
    </div>
  );
}
