/**
 * plotly, loaded on demand: it is most of the page's script, and the first screen draws on canvas.
 * The first figure that needs it (a zoomable view, an export) fetches it once; later calls share it.
 */
type PlotlyModule = typeof import('plotly.js-cartesian-dist-min');
type PlotlyApi = PlotlyModule['default'];

let loading: Promise<PlotlyApi> | null = null;
let state: 'idle' | 'loading' | 'loaded' | 'failed' = 'idle';

export function loadPlotly(): Promise<PlotlyApi> {
  if (loading) return loading;
  state = 'loading';
  loading = import('plotly.js-cartesian-dist-min').then(
    (m) => {
      state = 'loaded';
      return m.default;
    },
    (err: unknown) => {
      state = 'failed';
      throw err;
    },
  );
  return loading;
}

/** Whether plotly was asked for and has arrived (the e2e tests watch the page's tasks after it). */
export function plotlyState(): 'idle' | 'loading' | 'loaded' | 'failed' {
  return state;
}
