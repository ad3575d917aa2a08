/** The SVG painter and the plotly adapter paint the same scenes as the canvas: marks, legend, axes, panels. */
import { describe, expect, it } from 'vitest';
import { plotlyFigure } from '../../../src/ui/scene/plotly';
import { emptyScene, type Scene } from '../../../src/ui/scene/scene';
import { figureSvg } from '../../../src/ui/scene/svg';
import { THEME } from '../views/fixtures';

const measure = (text: string): number => 6 * text.length;

const scene: Scene = {
  x: { type: 'linear', range: [0, 4], title: 'x & <y>', ticks: [{ value: 0, label: '0' }, { value: 2, label: '2' }] },
  y: { type: 'log', range: [1e-3, 1], title: 'error', ticks: [{ value: 0.01, label: '0.01' }] },
  marks: [
    { kind: 'area', name: 'band', x: [0, 4, 4, 0], y: [0.01, 0.01, 0.1, 0.1], color: '#999', alpha: 0.2 },
    { kind: 'line', name: 'a "lane"', x: [0, 1, 2, 3], y: [0.1, Number.NaN, 0.05, 0.02], color: '#4e79a7', width: 2, dash: [6, 4] },
    { kind: 'points', x: [0, 1], y: [0.1, 0.2], color: '#4e79a7', size: 6, shape: 'diamond' },
    { kind: 'bar', name: 'bar', x0: 3.5, x1: 3.9, y: 0.5, color: '#e15759' },
  ],
  legend: [{ label: 'a "lane"', color: '#4e79a7', style: 'dash' }],
  empty: null,
  hover: 'column',
  targets: [{ x: 1, y: 0.1, lines: () => ['k = 1', 'v = 0.1'] }],
  attrs: {},
};

describe('the SVG painter', () => {
  const svg = figureSvg(scene, 600, 300, THEME, measure);

  it('writes every shape of a named mark with its panel and series, and escapes text', () => {
    const tagged = [...svg.matchAll(/data-panel="(\d+)" data-series="([^"]*)"/g)].map((m) => `${m[1]}|${m[2]}`);
    expect([...new Set(tagged)]).toEqual(['0|band', '0|a &quot;lane&quot;', '0|bar']);
    expect(svg).toContain('>x &amp; &lt;y&gt;</text>');
    expect(svg).toContain('stroke-dasharray="6 4"');
    // The NaN lifts the pen: the line restarts with a second move.
    const line = svg.match(/<path d="([^"]*)" fill="none" stroke="#4e79a7" stroke-width="2"/)?.[1] ?? '';
    expect(line.match(/M/g)).toHaveLength(2);
  });

  it('clips the marks to the plot frame and closes every group it opens', () => {
    expect(svg).toMatch(/<clipPath id="clip0">/);
    expect(svg.match(/<g[ >]/g)?.length).toBe(svg.match(/<\/g>/g)?.length);
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('lays panels side by side by their spans', () => {
    const two = figureSvg([{ ...scene, span: 3 }, { ...scene, span: 1 }], 800, 300, THEME, measure);
    expect(two).toContain('<g transform="translate(600 0)">');
    expect(two).toContain('data-panel="1" data-series="bar"');
  });

  it('writes the message of an empty scene and no marks', () => {
    const empty = figureSvg(emptyScene('Nothing yet'), 300, 200, THEME, measure);
    expect(empty).toContain('>Nothing yet</text>');
    expect(empty).not.toContain('data-series');
  });
});

describe('the plotly adapter', () => {
  it('makes a trace per mark, legend entries as empty traces and the hover targets as invisible points', () => {
    const { data, layout } = plotlyFigure(scene, THEME);
    const traces = data as { type: string; name?: string; showlegend?: boolean; y?: (number | null)[]; base?: number[]; hoverinfo?: string; text?: string[] }[];
    expect(traces.map((t) => t.type)).toEqual(['scatter', 'scatter', 'scatter', 'bar', 'scatter', 'scatter']);
    expect(traces[1]?.y).toEqual([0.1, null, 0.05, 0.02]);
    expect(traces[3]?.base).toBeUndefined();
    expect(traces.filter((t) => t.showlegend !== false).map((t) => t.name)).toEqual(['a "lane"']);
    expect(traces[5]?.text).toEqual(['k = 1<br>v = 0.1']);
    expect(layout.xaxis?.range).toEqual([0, 4]);
    expect(layout.yaxis?.type).toBe('log');
    expect(layout.yaxis?.range).toEqual([-3, 0]);
    expect(layout.yaxis?.tickvals).toEqual([0.01]);
    expect(layout.paper_bgcolor).toBe(THEME.bg);
  });

  it('gives each panel its own axes over its share of the width, and a bar its base', () => {
    const withBase: Scene = { ...scene, marks: [{ kind: 'bar', name: 'θ(j)', x0: 0, x1: 1, y: -0.25, base: 0, color: '#000' }], span: 1 };
    const { data, layout } = plotlyFigure([{ ...scene, span: 3 }, withBase], THEME) as { data: { xaxis?: string; name?: string; y?: number[]; base?: number[] }[]; layout: Record<string, { domain?: number[] }> };
    const bar = data.find((t) => t.name === 'θ(j)');
    expect(bar?.xaxis).toBe('x2');
    expect(bar?.y).toEqual([-0.25]);
    expect(bar?.base).toEqual([0]);
    expect(layout.xaxis?.domain?.[1]).toBeCloseTo(0.705, 3);
    expect(layout.xaxis2?.domain?.[0]).toBeCloseTo(0.765, 3);
    expect(layout.xaxis2?.domain?.[1]).toBeCloseTo(1, 9);
  });

  it('draws cells as a heat map whose colour scale gives each cell exactly its colour, zoomable', () => {
    const colors = ['#440154', '#21918c', '#fde725', '#21918c', '#440154', '#fde725']; // [rows 2, cols 3]
    const map: Scene = { ...scene, marks: [{ kind: 'cells', name: 'A', cols: 3, rows: 2, colors }], legend: [], targets: [] };
    const [trace] = plotlyFigure(map, THEME).data as { type: string; z: number[][]; zmin: number; zmax: number; colorscale: [number, string][]; zsmooth: boolean; x0: number; dx: number }[];
    expect(trace?.type).toBe('heatmap');
    expect([trace?.x0, trace?.dx, trace?.zsmooth]).toEqual([0, 1, false]);
    // Cell (r, c) has value z[r][c]; its place on the scale, (z − zmin) / (zmax − zmin), is a stop of its own colour.
    const colourAt = (z: number): string | undefined => trace?.colorscale.find(([at]) => at === (z - (trace?.zmin ?? 0)) / ((trace?.zmax ?? 1) - (trace?.zmin ?? 0)))?.[1];
    expect(trace?.z.flatMap((row) => row.map(colourAt))).toEqual(colors);
    // One colour still spans the scale from 0 to 1.
    const flat = plotlyFigure({ ...map, marks: [{ kind: 'cells', cols: 2, rows: 1, colors: ['#000', '#000'] }] }, THEME).data[0] as { colorscale: [number, string][]; z: number[][] };
    expect(flat.colorscale).toEqual([[0, '#000'], [1, '#000']]);
    expect(flat.z).toEqual([[0, 0]]);
  });

  it('lists a legend entry shared by side-by-side panels once', () => {
    const { data } = plotlyFigure([scene, { ...scene, legend: [...scene.legend, { label: 'other', color: '#000', style: 'fill' }] }], THEME);
    const listed = (data as { name?: string; showlegend?: boolean }[]).filter((t) => t.showlegend !== false).map((t) => t.name);
    expect(listed).toEqual(['a "lane"', 'other']);
  });

  it('writes an empty scene as its message', () => {
    const { data, layout } = plotlyFigure(emptyScene('Computing…'), THEME);
    expect(data).toEqual([]);
    expect(layout.annotations?.[0]?.text).toBe('Computing…');
  });
});
