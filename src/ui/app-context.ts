/** The app's stores for React: one context, and selector hooks over the vanilla zustand stores. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, ConfigState, RunStoreState } from '../state/app-state';

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp: no AppContext.Provider above this component');
  return app;
}

/** Select from the config store (return stable values: store fields, primitives). */
export function useConfig<T>(selector: (s: ConfigState) => T): T {
  return useStore(useApp().config, selector);
}

/** Select from the run store; plots subscribe directly instead (see scene/redraw.ts). */
export function useRun<T>(selector: (s: RunStoreState) => T): T {
  return useStore(useApp().run, selector);
}
