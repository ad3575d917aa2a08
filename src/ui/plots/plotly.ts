/**
 * plotly, loaded on demand: it is most of the page's script, and the first screen draws on canvas.
 * The first figure that needs it (a zoomable view, an export) fetches it once; later calls share it.
 */
type PlotlyModule = typeof import('plotly.js-cartesian-dist-min');
type PlotlyApi = PlotlyModule['default'];

let loading: Promise<PlotlyApi> | null = null;

export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= import('plotly.js-cartesian-dist-min').then((m) => m.default);
  return loading;
}
