/** Export file names that say what the file holds and which run it came from. */
import { DEFAULTS, encodeConfig } from '../../core/config';
import type { ExperimentConfig } from '../../core/config';
import { fnv1a } from '../../core/lesson';
import { VIEW_FIELDS } from '../../state/app-state';

/**
 * A short id of the experiment: a hash of its share link with view-only fields (row-centring) at
 * their defaults, so the same run keeps its id whatever the view shows. Same link, same id.
 */
export function runId(config: ExperimentConfig): string {
  let c = config;
  for (const f of VIEW_FIELDS) c = withDefault(c, f);
  return fnv1a(encodeConfig(c)).slice(0, 6);
}

function withDefault<K extends keyof ExperimentConfig>(c: ExperimentConfig, field: K): ExperimentConfig {
  return { ...c, [field]: DEFAULTS[field] };
}

/** Lower-case words and digits joined by '-': safe in a file name on every system. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export interface ExportName {
  /** What the figure shows, e.g. 'rate', 'train-loss'. */
  readonly what: string;
  readonly config: ExperimentConfig;
  /** The training step the data is from; null when no training is involved (exact spectra). */
  readonly step: number | null;
  /** Optional detail: the lane or the view mode ('m_h 4', 'centred'). */
  readonly detail?: string;
}

/** e.g. rankscope-rate-sweep-3fa9c1-step1500.csv */
export function exportFileName(n: ExportName, ext: 'png' | 'svg' | 'csv'): string {
  const parts = ['rankscope', slug(n.what), n.config.kind, runId(n.config)];
  if (n.detail) parts.push(slug(n.detail));
  if (n.step !== null) parts.push(`step${n.step}`);
  return `${parts.filter((p) => p.length > 0).join('-')}.${ext}`;
}
