/**
 * A figure as plain data: axes, marks in data units, a legend, hover targets and the attributes
 * tests read. Built once by a pure function from run data (violin-scene.ts, plots/curves.ts, …);
 * everything else paints it: draw.ts on a canvas (live, and PNG export at 2×), svg.ts as SVG text,
 * plotly.ts through plotly (the static alteration and exact-spectra plots, and any figure inspected).
 */
import type { AxisType, Tick } from './scale';

export interface Axis {
  readonly type: AxisType;
  /** Data units (a log axis: positive values). */
  readonly range: readonly [number, number];
  readonly title: string;
  readonly ticks: readonly Tick[];
  /** Grid lines at the ticks (default true; off for categories). */
  readonly grid?: boolean;
}

/** A line through the points; a NaN (or, on a log axis, a value ≤ 0) breaks it. */
export interface LineMark {
  readonly kind: 'line';
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly color: string;
  readonly width: number;
  /** Canvas dash pattern in px (e.g. [6, 4]); solid when absent. */
  readonly dash?: readonly number[];
  readonly alpha?: number;
  /** Named marks are listed in the element's data-marks (what the tests read). */
  readonly name?: string;
}

/** A closed polygon, filled (violin halves, seed bands). */
export interface AreaMark {
  readonly kind: 'area';
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly color: string;
  readonly alpha: number;
  /** Outline colour; none when absent. */
  readonly outline?: string;
  readonly name?: string;
}

export type Shape = 'circle' | 'diamond' | 'ring';

export interface PointsMark {
  readonly kind: 'points';
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly color: string;
  /** Diameter in px. */
  readonly size: number;
  readonly shape: Shape;
  /** A thin edge in this colour (diamonds over violins). */
  readonly edge?: string;
  readonly alpha?: number;
  readonly name?: string;
}

/** A bar from `base` (default: the bottom of the y axis) to y, between x0 and x1 (data units). */
export interface BarMark {
  readonly kind: 'bar';
  readonly x0: number;
  readonly x1: number;
  readonly y: number;
  readonly base?: number;
  readonly color: string;
  readonly name?: string;
}

/** A short label at a data point (a fitted slope beside its line). */
export interface TextMark {
  readonly kind: 'text';
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly color: string;
  /** Offset from the point in px (the label sits right of and above it by default). */
  readonly dx?: number;
  readonly dy?: number;
  readonly name?: string;
}

/**
 * A heat map: unit cells centred on the integer points (c, r), c = 0..cols−1 along x and
 * r = 0..rows−1 along y, each filled with its colour (`colors` is [rows, cols], row-major).
 */
export interface CellsMark {
  readonly kind: 'cells';
  readonly cols: number;
  readonly rows: number;
  readonly colors: readonly string[];
  readonly name?: string;
}

export type Mark = LineMark | AreaMark | PointsMark | BarMark | TextMark | CellsMark;

export interface LegendItem {
  readonly label: string;
  readonly color: string;
  /** 'fill' is a translucent band's swatch; 'solid' an opaque one (a colour scale's stops). */
  readonly style: 'line' | 'dash' | 'dot' | 'fill' | 'solid' | 'diamond' | 'circle';
}

/** A place the pointer can read: its lines of text, and a lane a click selects (rate points). */
export interface HoverTarget {
  readonly x: number;
  readonly y: number;
  /** The readout's lines, computed when the pointer gets there (not on every draw). */
  readonly lines: () => readonly string[];
  readonly lane?: number;
}

export interface Scene {
  readonly x: Axis;
  readonly y: Axis;
  readonly marks: readonly Mark[];
  readonly legend: readonly LegendItem[];
  /** Written in the middle of an empty plot. */
  readonly empty: string | null;
  /**
   * How the pointer finds a target: 'column' = the nearest in x (a violin, a bar, an index k),
   * 'nearest' = the nearest point within reach (rate points), 'cell' = the nearest point anywhere
   * in the frame (a heat map's cells).
   */
  readonly hover: 'column' | 'nearest' | 'cell';
  readonly targets: readonly HoverTarget[];
  /** Written as data-<name> attributes on the plot's element after each draw (tests read them). */
  readonly attrs: Readonly<Record<string, string>>;
  /** Relative width when scenes are drawn side by side as one figure (default 1). */
  readonly span?: number;
}

/** One figure: a scene, or several side by side (the attention maps of the shown lanes, the two alterations). */
export type Figure = Scene | readonly Scene[];

/** The scenes of a figure, left to right. */
export function panelsOf(f: Figure): readonly Scene[] {
  return 'marks' in f ? [f] : f;
}

/**
 * A scene built in slices: the builder yields between pieces of work (a violin each), so the page
 * can run it a few milliseconds at a time (redraw.ts) however many pieces there are.
 */
export type SceneSteps = Generator<undefined, Scene, undefined>;

export function isSteps(s: Figure | SceneSteps): s is SceneSteps {
  return 'next' in s && typeof s.next === 'function';
}

/** Build a scene to the end at once (tests, and callers that do not slice). */
export function finish(s: Scene | SceneSteps): Scene {
  if (!isSteps(s)) return s;
  for (;;) {
    const r = s.next();
    if (r.done) return r.value;
  }
}

/** A scene with nothing to draw but a message. */
export function emptyScene(message: string, attrs: Readonly<Record<string, string>> = {}): Scene {
  const axis: Axis = { type: 'linear', range: [0, 1], title: '', ticks: [] };
  return { x: axis, y: axis, marks: [], legend: [], empty: message, hover: 'column', targets: [], attrs };
}

/** The names of the named marks, in order, once each. */
export function markNames(scene: Scene): string[] {
  return [...new Set(scene.marks.flatMap((m) => (m.name ? [m.name] : [])))];
}
