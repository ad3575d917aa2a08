import { useEffect, useId, useRef, useState } from 'react';
import type { ExperimentConfig } from '../../core/config';
import type { RunStoreState } from '../../state/app-state';
import { useApp } from '../app-context';
import { finish, isSteps, type Figure, type SceneSteps } from '../scene/scene';
import { readTheme, type PlotTheme } from '../scene/theme';
import { csvBlob, figureBlob, saveBlob } from './download';
import { Inspect, type InspectWhen } from './Inspect';
import { exportFileName } from './names';

export interface ExportSpec {
  /** What the figure shows, for the file name and the button's label ('rate', 'train-loss'). */
  readonly what: string;
  /** The figure's scene, built at click time from the run store's state (no re-render per training report). */
  readonly scene: (run: RunStoreState, theme: PlotTheme) => Figure | SceneSteps;
  readonly csv: (run: RunStoreState) => string;
  /** The training step the data is from (null: no training involved). */
  readonly step: (run: RunStoreState) => number | null;
  /** A lane or a mode, added to the file name. */
  readonly detail?: string;
  /** Why there is nothing to export yet; null when there is. */
  readonly unavailable: string | null;
  readonly testId: string;
  /** Accessible name of the figure ('the training loss'). */
  readonly label: string;
  /** The run the file name names, when the figure is not of the page's own run (an imported study). */
  readonly config?: ExperimentConfig;
  /**
   * The "Inspect" button beside "Export" (the figure in plotly, zoomable): 'run' (default), a figure
   * of the page's run, not while it trains; 'kept', a figure of kept runs (a study), always; 'none',
   * a figure plotly already draws on the page.
   */
  readonly inspect?: InspectWhen;
}

type Format = 'png' | 'svg' | 'csv';
const ITEMS: readonly { readonly format: Format; readonly text: string }[] = [
  { format: 'png', text: 'PNG image (2×)' },
  { format: 'svg', text: 'SVG image' },
  { format: 'csv', text: 'CSV data (every value)' },
];

/**
 * An "Export" button opening three choices: PNG at 2×, SVG, and the figure's exact data as CSV. The
 * files are built from the run store and the figure's scene, never from the plot on the page. Beside
 * it, "Inspect" opens the same scene in plotly (Inspect.tsx).
 */
export function ExportMenu(spec: ExportSpec) {
  const { run, config } = useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent): void => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const save = async (format: Format): Promise<void> => {
    const el = root.current;
    if (!el || busy !== null) return;
    setBusy(format);
    setError(null);
    try {
      const state = run.getState();
      const name = exportFileName(
        { what: spec.what, config: spec.config ?? config.getState().config, step: spec.step(state), ...(spec.detail ? { detail: spec.detail } : {}) },
        format,
      );
      const theme = readTheme(el);
      const blob = format === 'csv' ? csvBlob(spec.csv(state)) : await figureBlob(built(spec.scene(state, theme)), format, theme);
      saveBlob(blob, name);
      setOpen(false);
      toggle.current?.focus();
    } catch (err) {
      setError(`Could not export the ${format.toUpperCase()}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(null);
    }
  };

  const reasonId = `${id}-reason`;
  return (
    <div
      className="export-menu"
      ref={root}
      data-testid={spec.testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          toggle.current?.focus();
        }
      }}
    >
      {spec.inspect !== 'none' ? <Inspect spec={spec} /> : null}
      <button
        type="button"
        ref={toggle}
        className="export-toggle"
        aria-expanded={open}
        aria-controls={`${id}-items`}
        aria-label={`Export ${spec.label}`}
        data-testid={`${spec.testId}-toggle`}
        onClick={() => setOpen(!open)}
      >
        Export <span aria-hidden="true">▾</span>
      </button>
      <div className="export-items" id={`${id}-items`} hidden={!open} role="group" aria-label={`Export ${spec.label} as`}>
        {ITEMS.map((item) => (
          <button
            key={item.format}
            type="button"
            data-testid={`${spec.testId}-${item.format}`}
            disabled={spec.unavailable !== null || busy !== null}
            aria-describedby={spec.unavailable !== null ? reasonId : undefined}
            onClick={() => void save(item.format)}
          >
            {busy === item.format ? 'Exporting…' : item.text}
          </button>
        ))}
        {spec.unavailable !== null ? (
          <p className="muted small" id={reasonId} data-testid={`${spec.testId}-reason`}>
            {spec.unavailable}
          </p>
        ) : null}
        {error !== null ? (
          <p className="export-error small" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** A stepped build run to its end (an export is a single click, not a live redraw). */
function built(f: Figure | SceneSteps): Figure {
  return isSteps(f) ? finish(f) : f;
}
