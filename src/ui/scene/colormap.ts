/** A perceptual sequential colour scale (viridis: dark purple → teal → yellow), readable in both themes. */

/** Viridis sampled at 0, 1/8, …, 1 as [r, g, b]; colours between are interpolated linearly. */
const VIRIDIS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [71, 45, 123],
  [59, 82, 139],
  [44, 114, 142],
  [33, 145, 140],
  [40, 174, 128],
  [94, 201, 98],
  [173, 220, 48],
  [253, 231, 37],
];

/** The colour of u in [0, 1] (clamped; NaN → the low end) as a CSS rgb() string. */
export function viridis(u: number): string {
  const x = Number.isFinite(u) ? Math.min(1, Math.max(0, u)) : 0;
  const p = x * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(p));
  const f = p - i;
  const a = VIRIDIS[i] ?? [0, 0, 0];
  const b = VIRIDIS[i + 1] ?? a;
  const c = (k: 0 | 1 | 2): number => Math.round(a[k] + (b[k] - a[k]) * f);
  return `rgb(${c(0)}, ${c(1)}, ${c(2)})`;
}
