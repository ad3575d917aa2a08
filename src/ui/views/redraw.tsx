import { createContext, useContext } from 'react';
import type { ComponentProps } from 'react';
import { LivePlot } from '../plots/LivePlot';

/** When the paper views may redraw: held while training runs (unless live), at once on a user action. */
export interface Redraw {
  readonly hold: boolean;
  /** Bumped by user actions (scrubbing, choosing a lane, "Redraw now"): draws at once, hold or not. */
  readonly token: number;
  poke(): void;
}

export const RedrawContext = createContext<Redraw>({ hold: false, token: 0, poke: () => undefined });

export function useRedraw(): Redraw {
  return useContext(RedrawContext);
}

/** A LivePlot that follows the views' redraw policy. */
export function ViewPlot(props: Omit<ComponentProps<typeof LivePlot>, 'hold' | 'drawNow'>) {
  const { hold, token } = useRedraw();
  return <LivePlot {...props} hold={hold} drawNow={token} />;
}
