/**
 * `plotly.js-cartesian-dist-min` ships no types: it is the cartesian subset of plotly.js, so it
 * borrows the types of `@types/plotly.js` (a dev dependency). The bundle is a UMD/CommonJS module:
 * import its default export.
 */
declare module 'plotly.js-cartesian-dist-min' {
  import * as Plotly from 'plotly.js';
  export * from 'plotly.js';
  export default Plotly;
}
