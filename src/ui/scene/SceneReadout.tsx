import type { HoverTarget } from '../scene/scene';

export interface SceneHover {
  readonly target: HoverTarget;
  readonly lines: readonly string[];
  /** Pointer position in the plot, CSS px. */
  readonly left: number;
  readonly top: number;
  /** The plot's width: in its right half the readout sits left of the pointer, inside the plot. */
  readonly width: number;
}

/** The hovered target's values beside the pointer (a canvas view's tooltip). */
export function SceneReadout({ hover }: { readonly hover: SceneHover }) {
  const flip = hover.left > hover.width / 2;
  const style = flip ? { right: hover.width - hover.left + 12, top: hover.top + 12 } : { left: hover.left + 12, top: hover.top + 12 };
  return (
    <div className="hover-readout" style={style} role="status">
      {hover.lines.map((line, i) => (
        <div key={i} className={i === 0 ? 'hover-step' : undefined}>
          {line}
        </div>
      ))}
    </div>
  );
}
