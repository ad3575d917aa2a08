/**
 * The colour theme: light or dark, or the system's (prefers-color-scheme). The choice is kept in
 * localStorage (a reader's preference, not part of the experiment, so never in the share link);
 * the resolved theme is written as `data-theme` on <html>, and styles/theme.css switches its variables on it.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type ResolvedTheme = 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const STORAGE_KEY = 'rankscope.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function isChoice(v: string | null): v is ThemeChoice {
  return v === 'system' || v === 'light' || v === 'dark';
}

function readStored(): ThemeChoice {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return isChoice(v) ? v : 'system';
  } catch {
    return 'system';
  }
}

let choice: ThemeChoice = 'system';
let resolved: ResolvedTheme = 'light';
const listeners = new Set<() => void>();

function resolve(c: ThemeChoice): ResolvedTheme {
  if (c !== 'system') return c;
  return window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

function apply(): void {
  const next = resolve(choice);
  const changed = next !== resolved || document.documentElement.dataset['theme'] !== next;
  resolved = next;
  document.documentElement.dataset['theme'] = next;
  if (changed) for (const l of listeners) l();
}

/** Reads the stored choice, applies it, and follows the system's scheme while the choice is 'system'. */
export function initTheme(): void {
  choice = readStored();
  apply();
  window.matchMedia(DARK_QUERY).addEventListener('change', () => {
    if (choice === 'system') apply();
  });
}

export function themeChoice(): ThemeChoice {
  return choice;
}

export function setThemeChoice(next: ThemeChoice): void {
  choice = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Storage blocked (private mode, policy): the choice lasts for this page only.
  }
  const before = resolved;
  apply();
  // The resolved theme may be unchanged (system → light on a light system): choice listeners still hear it.
  if (before === resolved) for (const l of listeners) l();
}

/** Called after the choice or the resolved theme changes (rarely: plots re-read their colours then). */
export function onThemeChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
