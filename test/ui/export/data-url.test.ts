import { describe, expect, it } from 'vitest';
import { dataUrlBlob } from '../../../src/ui/export/download';

// Plotly returns its images as data: URLs; the page decodes them itself, because its
// Content-Security-Policy (tools/csp.ts) lets fetch() connect to its own origin only.
describe('dataUrlBlob', () => {
  it('decodes a percent-encoded SVG and a base64 PNG, keeping the type', async () => {
    const svg = dataUrlBlob('data:image/svg+xml,%3Csvg%20width%3D%221%22%3E%E2%88%9A%3C%2Fsvg%3E');
    expect(svg.type).toBe('image/svg+xml');
    expect(await svg.text()).toBe('<svg width="1">√</svg>');
    const png = dataUrlBlob(`data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]).toString('base64')}`);
    expect(png.type).toBe('image/png');
    expect([...new Uint8Array(await png.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0, 255]);
  });

  it('refuses what is not a data: URL', () => {
    expect(() => dataUrlBlob('https://example.org/x.png')).toThrow('not a data: URL');
  });
});
