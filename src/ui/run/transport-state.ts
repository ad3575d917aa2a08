import type { RunStoreState } from '../../state/app-state';

/** Which transport actions are allowed now: shared by the buttons and the keyboard shortcuts. */
export interface TransportAbilities {
  readonly canStart: boolean;
  readonly canPause: boolean;
  readonly canReset: boolean;
}

/** `awaitsPrediction`: a lesson link asks a question the student has not answered yet (no Play, no Step). */
export function transportAbilities(state: RunStoreState['state'], step: number, errors: number, awaitsPrediction = false): TransportAbilities {
  const idle = state === 'idle' || state === 'starting';
  return {
    canStart: (state === 'ready' || state === 'paused') && errors === 0 && !awaitsPrediction,
    canPause: state === 'running',
    canReset: !idle && errors === 0 && !(state === 'ready' && step === 0),
  };
}
