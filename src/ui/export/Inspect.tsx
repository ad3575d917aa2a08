import type { Config } from 'plotly.js-cartesian-dist-min';
import { useEffect, useId, useRef, useState } from 'react';
import { useApp, useRun } from '../app-context';
import { loadPlotly, plotlyFigure } from '../scene/plotly';
import { finish, isSteps, panelsOf, type Figure } from '../scene/scene';
import { readTheme, type PlotTheme } from '../scene/theme';
import type { ExportSpec } from './ExportMenu';

/** plotly's own tools, always shown: zoom, pan, zoom in / out, reset axes; a wheel zooms too. */
const INSPECT_CONFIG: Partial<Config> = { displaylogo: false, displayModeBar: true, responsive: true, scrollZoom: true, showSendToCloud: false };

export const WHILE_TRAINING = 'The figure redraws while the run trains: pause it, or let it finish, to inspect it.';

/** Which figures can be inspected when: see ExportSpec.inspect. */
export type InspectWhen = 'run' | 'kept' | 'none';

type Shown = { readonly figure: Figure; readonly theme: PlotTheme };

/**
 * "Inspect": the figure's own scene, built once from the run as it stands, drawn by plotly through
 * the one adapter in a modal dialog (zoom, pan, reset, hover). A figure of the page's run waits for
 * it to stop training, as a live figure redraws. Esc or Close closes it and gives the focus back.
 */
export function Inspect({ spec }: { readonly spec: ExportSpec }) {
  const { run } = useApp();
  const training = useRun((s) => s.state === 'running');
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const plot = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const why = spec.unavailable ?? (training && spec.inspect !== 'kept' ? WHILE_TRAINING : null);

  const open = (): void => {
    const el = button.current;
    if (!el || why !== null) return;
    const theme = readTheme(el);
    const built = spec.scene(run.getState(), theme);
    setError(null);
    setShown({ figure: isSteps(built) ? finish(built) : built, theme });
  };

  useEffect(() => {
    const d = dialog.current;
    const div = plot.current;
    if (!shown || !d || !div) return;
    if (!d.open) d.showModal();
    // The scene's data-* attributes, as on the figure's own element (tests compare the two).
    for (const p of panelsOf(shown.figure)) for (const [name, value] of Object.entries(p.attrs)) div.setAttribute(`data-${name}`, value);
    const figure = plotlyFigure(shown.figure, shown.theme);
    const { data } = figure;
    // Room above the legend for plotly's toolbar, which this dialog always shows.
    const layout = { ...figure.layout, margin: { ...figure.layout.margin, t: 64 } };
    let current = true;
    loadPlotly()
      .then((Plotly) => (current ? Plotly.newPlot(div, data, layout, INSPECT_CONFIG) : undefined))
      .then(
        () => current && div.setAttribute('data-ready', 'true'),
        (err: unknown) => current && setError(`Could not draw the figure: ${err instanceof Error ? err.message : String(err)}`),
      );
    return () => {
      current = false;
      void loadPlotly().then((Plotly) => Plotly.purge(div));
    };
  }, [shown]);

  return (
    <>
      <button
        type="button"
        ref={button}
        className="export-toggle"
        aria-label={`Inspect ${spec.label}`}
        aria-disabled={why !== null}
        title={why ?? 'Open this figure in a plot you can zoom and pan'}
        data-testid={`${spec.testId}-inspect`}
        onClick={open}
      >
        Inspect
      </button>
      {shown ? (
        <dialog
          ref={dialog}
          className="inspect-dialog"
          data-testid="inspect-dialog"
          aria-labelledby={titleId}
          onClose={() => {
            setShown(null);
            button.current?.focus();
          }}
        >
          <div className="inspect-head">
            <h2 id={titleId}>Inspect {spec.label}</h2>
            <form method="dialog">
              <button type="submit" data-testid="inspect-close">
                Close
              </button>
            </form>
          </div>
          <p className="muted small">
            Drag to zoom, double-click to reset; the toolbar pans, zooms and resets the axes. The figure is the run as it was when opened.
          </p>
          {error !== null ? (
            <p className="export-error small" role="alert">
              {error}
            </p>
          ) : null}
          <div ref={plot} className="inspect-plot" data-testid="inspect-plot" role="figure" aria-label={`${spec.label}, zoomable`} />
        </dialog>
      ) : null}
    </>
  );
}
