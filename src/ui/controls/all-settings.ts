/**
 * Whether the settings panel shows every field or only the experiment's essentials. A reader's
 * preference, not part of the experiment, so it is kept in localStorage (like the theme) and never
 * in the share link; without storage it lasts for the page.
 */
import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'rankscope.settings';
let all: boolean | null = null;
const listeners = new Set<() => void>();

function stored(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'all';
  } catch {
    return false;
  }
}

const current = (): boolean => (all ??= stored());

export function setAllSettings(next: boolean): void {
  all = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next ? 'all' : 'essentials');
  } catch {
    // No storage (private mode, a full disk): the choice lasts for this page.
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True when the panel shows every field. */
export const useAllSettings = (): boolean => useSyncExternalStore(subscribe, current);
