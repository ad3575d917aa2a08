import { useStore } from 'zustand';
import type { HistoryState } from '../../state/app-state';
import { useApp } from '../app-context';

/** Select from the run-history store (return stable values). */
export function useHistory<T>(selector: (s: HistoryState) => T): T {
  return useStore(useApp().history, selector);
}
