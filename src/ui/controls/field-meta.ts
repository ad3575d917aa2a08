/** Derived, display-only facts about a schema row: element ids, range text, its problems. */
import type { AnyFieldRow, Problem } from '../../core/config';
import { formatBound } from '../format';

/** The id of a field's control (also the target of <label for> and of "go to field" links). */
export const controlId = (row: Pick<AnyFieldRow, 'key'>): string => `field-${row.key}`;

/** The allowed range of a row as a short text, or null for enums and bools. */
export function rangeText(row: AnyFieldRow): string | null {
  switch (row.type) {
    case 'int':
    case 'float':
      return `${formatBound(row.min)} to ${formatBound(row.max)}`;
    case 'intList':
    case 'floatList':
    case 'rankList': {
      const items = `${formatBound(row.min)} to ${formatBound(row.max)}${row.type === 'rankList' ? ' or full' : ''}`;
      const count = row.minLength === row.maxLength ? `${row.minLength}` : `${row.minLength} to ${row.maxLength}`;
      return `comma list of ${count} values, each ${items}`;
    }
    case 'enum':
    case 'bool':
      return null;
  }
}

/**
 * Whether a problem's message names a URL key. Messages name every key a cross-field rule relates
 * (`2·swapk ≤ tau`, `needs target=coupling`); keys of one or two letters count only as `key=`.
 */
function mentions(message: string, key: string): boolean {
  const k = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = key.length > 2 ? `(?<![\\w])${k}(?![\\w'’])` : `(?<![\\w])${k}=`;
  return new RegExp(pattern).test(message);
}

/** Problems that name this row: by field, by key, or by mentioning its key in the message. */
export const problemsOf = (row: AnyFieldRow, problems: readonly Problem[]): Problem[] =>
  problems.filter((p) => p.field === row.field || p.key === row.key || mentions(p.message, row.key));

/** Move keyboard focus to a field's control (used by the problem summary). */
export function focusField(key: string): void {
  const el = document.getElementById(controlId({ key }));
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus();
}
