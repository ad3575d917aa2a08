/** "m_h 4→8, β 1→3": what changed between two runs' configs, field by field in schema order. */
import { formatField, SCHEMA } from '../../core/config';
import type { ExperimentConfig } from '../../core/config';
import { FIELD_LABELS } from '../field-labels';

type Field = keyof ExperimentConfig;

/**
 * The short name of a field: the paper symbol that ends its label (m_h, β, τ, σ_k) for numbers and
 * lists, else the URL key (enums and switches read better as `sched cosine→constant`).
 */
export function shortName(field: Field): string {
  const row = SCHEMA[field];
  const symbol = FIELD_LABELS[field].split(' ').at(-1) ?? '';
  const mathy = /[^\x20-\x7e]|_/.test(symbol) || (symbol.length <= 2 && symbol !== symbol.toLowerCase());
  return (row.type === 'enum' || row.type === 'bool') || !mathy ? row.key : symbol;
}

/** Each changed field as "name old→new", in schema order; at most `max`, then "+k more". */
export function configDiff(before: ExperimentConfig, after: ExperimentConfig, max = 4): string {
  const changes = (Object.keys(SCHEMA) as Field[]).flatMap((f) => {
    const a = formatField(f, before[f]);
    const b = formatField(f, after[f]);
    return a === b ? [] : [`${shortName(f)} ${a}→${b}`];
  });
  if (changes.length === 0) return 'same config';
  return changes.length > max ? `${changes.slice(0, max).join(', ')}, +${changes.length - max} more` : changes.join(', ');
}
