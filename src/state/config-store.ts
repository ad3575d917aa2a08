import { createStore } from 'zustand/vanilla';
import { decodeConfig, DEFAULTS, encodeConfig, formatField, parseField, presetConfig, validateConfig } from '../core/config';
import type { ExperimentConfig, PresetId, Problem } from '../core/config';
import { lessonSegments, lockedChanges } from '../core/lesson';
import { tourSegments } from '../core/tour';

type Field = keyof ExperimentConfig;

/** A control's text that does not parse: shown as invalid with the reason; the config keeps its value. */
export interface Draft {
  readonly text: string;
  readonly reason: string;
}

export interface ConfigState {
  readonly config: ExperimentConfig;
  /** Problems of the link the page was opened with: each bad field fell back to its default. */
  readonly linkProblems: readonly Problem[];
  /** Cross-field problems of the current config (nothing runs while there are errors). */
  readonly problems: readonly Problem[];
  readonly drafts: Readonly<Partial<Record<Field, Draft>>>;
  /** Fields the page's lesson link locks or hides: no change of the config may move them. */
  readonly frozen: readonly Field[];
  /** A frozen field is left as it is. */
  setField<K extends Field>(field: K, value: ExperimentConfig[K]): void;
  /** Set a field from a control's text (parsed and bounded by the schema row). */
  setFieldText(field: Field, text: string): void;
  /** The frozen fields `next` would change (empty: it may replace the config). */
  lockedBy(next: ExperimentConfig): readonly Field[];
  /** Apply a preset, unless it would move a frozen field: then nothing changes and those fields are returned. */
  applyPreset(id: PresetId): readonly Field[];
  /** Replace the whole config (a reopened or imported run), unless it would move a frozen field (as applyPreset). */
  replaceConfig(config: ExperimentConfig): readonly Field[];
  dismissLinkProblems(): void;
}

const errorsOf = (c: ExperimentConfig): Problem[] => validateConfig(c).filter((p) => p.severity === 'error');

/**
 * The experiment a page opened without a link shows: the paper's headline result (Fig. 5's rate and
 * the drop at m_h = r), about a minute of training on a laptop. A link always overrides it.
 */
export const LANDING_PRESET: PresetId = 'fig5-alpha1';

/** Whether a page's query or hash carries no experiment keys at all (a bare address). */
function isBare(link: string): boolean {
  return link.replace(/^[?#]/, '').trim() === '';
}

/**
 * The experiment config store: the one place the URL is read and written (replaceState, no history
 * spam). `frozen` are the fields the page's lesson link locks or hides: every change keeps them.
 */
export function createConfigStore(initialLink: string, frozen: readonly Field[] = []) {
  const { config, problems } = isBare(initialLink) ? { config: presetConfig(LANDING_PRESET), problems: [] } : decodeConfig(initialLink);
  const linkProblems = problems.filter((p) => p.severity !== 'info');
  return createStore<ConfigState>()((set, get) => ({
    config,
    linkProblems,
    problems: errorsOf(config),
    drafts: {},
    frozen,
    setField(field, value) {
      const current = get().config;
      if (frozen.includes(field)) return;
      const drafts = Object.fromEntries(Object.entries(get().drafts).filter(([k]) => k !== field));
      // An unchanged value keeps the config object, so the loaded experiment (and its run) survives.
      if (formatField(field, value) === formatField(field, current[field])) {
        set({ drafts });
        return;
      }
      const next = { ...current, [field]: value } as ExperimentConfig;
      set({ config: next, problems: errorsOf(next), drafts });
    },
    setFieldText(field, text) {
      const parsed = parseField(field, text);
      if (parsed.ok) get().setField(field, parsed.value);
      else set({ drafts: { ...get().drafts, [field]: { text, reason: parsed.reason } } });
    },
    lockedBy(next) {
      return lockedChanges(frozen, get().config, next);
    },
    applyPreset(id) {
      return get().replaceConfig(presetConfig(id));
    },
    replaceConfig(next) {
      const locked = get().lockedBy(next);
      if (locked.length === 0) set({ config: next, problems: errorsOf(next), drafts: {} });
      return locked;
    },
    dismissLinkProblems() {
      set({ linkProblems: [] });
    },
  }));
}

export type ConfigStore = ReturnType<typeof createConfigStore>;

/** The share link of a config: this page's address with the config as its query. */
export function shareLink(c: ExperimentConfig, base: string): string {
  return `${base.split(/[?#]/)[0] ?? ''}?${encodeConfig(c)}`;
}

/**
 * Keep the address bar equal to the config (replaceState: no history entry per edit). The lesson keys
 * of the opened link (lock, ask, digest, …) are carried over as written, after the experiment's, and
 * then the tour's step as the address has it now (the tour store moves it).
 */
export function syncConfigToUrl(store: ConfigStore, win: Pick<Window, 'history' | 'location'>): () => void {
  const lesson = lessonSegments(win.location.search || win.location.hash);
  const write = (c: ExperimentConfig): void => {
    const query = [encodeConfig(c), lesson, tourSegments(win.location.search)].filter((part) => part !== '').join('&');
    const url = `${win.location.pathname}?${query}`;
    if (`${win.location.pathname}${win.location.search}` !== url) win.history.replaceState(null, '', url);
  };
  write(store.getState().config);
  return store.subscribe((s, prev) => {
    if (s.config !== prev.config) write(s.config);
  });
}

export { DEFAULTS };
