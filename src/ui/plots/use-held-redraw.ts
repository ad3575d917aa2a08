import { useEffect, useRef } from 'react';
import type { MutableRefObject } from 'react';

/** What a figure's redraw loop exposes to the component: ask for a redraw; is one held back? */
export interface RedrawApi {
  request(force: boolean): void;
  pending(): boolean;
}

/**
 * The hold and draw-now plumbing shared by the plotly and canvas figures: `holdRef` mirrors `hold`
 * for the redraw loop, releasing the hold makes the pending redraw, and a new `drawNow` token forces
 * one (its first value does not).
 */
export function useHeldRedraw(api: MutableRefObject<RedrawApi | null>, hold: boolean, drawNow: unknown): MutableRefObject<boolean> {
  const holdRef = useRef(hold);
  useEffect(() => {
    holdRef.current = hold;
    if (!hold && api.current?.pending()) api.current.request(false);
  }, [api, hold]);
  const firstToken = useRef(drawNow);
  useEffect(() => {
    if (drawNow !== firstToken.current) api.current?.request(true);
  }, [api, drawNow]);
  return holdRef;
}
