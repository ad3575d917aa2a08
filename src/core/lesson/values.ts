/** Parsers for the lesson keys' values: each returns the value or a reason phrase that follows the quoted raw text. */
import { accept, clipText, FIELD_BY_KEY, FIELDS, refuseText } from './deps';
import type { Parsed } from './deps';
import type { Field } from './types';

export const MAX_QUESTION = 300;
export const MAX_CHOICE = 120;
export const MAX_EXPLANATION = 600;
export const MIN_CHOICES = 2;
export const MAX_CHOICES = 6;

/** Every experiment field, in table order. */
export const ALL_FIELDS: readonly Field[] = FIELDS.map((r) => r.field);

/**
 * `mh,beta` (experiment keys) or `all`. Known keys apply even when others are unknown: the value
 * then carries both the fields and the reason, so the teacher's other locks still hold.
 */
export function parseFieldList(text: string): { readonly fields: readonly Field[]; readonly reason: string | null } {
  const items = text.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  if (items.includes('all')) return { fields: ALL_FIELDS, reason: null };
  const wanted = new Set<Field>();
  const unknown: string[] = [];
  for (const item of items) {
    const field = FIELD_BY_KEY.get(item);
    if (field === undefined) unknown.push(item);
    else wanted.add(field);
  }
  const fields = ALL_FIELDS.filter((f) => wanted.has(f));
  if (unknown.length === 0) return { fields, reason: null };
  // At most five names, each clipped: a link can carry a 100k-character or 20,000-item list.
  const quoted = unknown.slice(0, 5).map((u) => JSON.stringify(clipText(u, 24)));
  const names = unknown.length > 5 ? `${quoted.join(', ')} and ${unknown.length - 5} more` : quoted.join(', ');
  return { fields, reason: `names ${unknown.length === 1 ? 'a key that is' : 'keys that are'} not a setting (${names}); ${fields.length > 0 ? 'the others apply' : 'nothing applies'}` };
}

export function parseFlag(text: string): Parsed<boolean> {
  const t = text.trim().toLowerCase();
  if (t === '1' || t === 'true') return accept(true);
  if (t === '0' || t === 'false') return accept(false);
  return refuseText('is not 0 or 1');
}

export function parseText(text: string, max: number, allowEmpty: boolean): Parsed<string> {
  const t = text.trim();
  if (t === '' && !allowEmpty) return refuseText('is empty');
  if (t.length > max) return refuseText(`is ${t.length} characters long; at most ${max} are allowed`);
  return accept(t);
}

/** `RNN|Transformer|Both` */
export function parseChoices(text: string): Parsed<readonly string[]> {
  const choices = text.split('|').map((c) => c.trim());
  if (choices.length < MIN_CHOICES || choices.length > MAX_CHOICES) {
    return refuseText(`has ${choices.length} choice${choices.length === 1 ? '' : 's'}; ${MIN_CHOICES}–${MAX_CHOICES} separated by | are needed`);
  }
  const empty = choices.findIndex((c) => c === '');
  if (empty >= 0) return refuseText(`has an empty choice (number ${empty + 1})`);
  const long = choices.find((c) => c.length > MAX_CHOICE);
  if (long !== undefined) return refuseText(`has a choice longer than ${MAX_CHOICE} characters`);
  return accept(choices);
}

/** 1-based in the link; checked against the number of choices by the codec. */
export function parseAnswer(text: string): Parsed<number> {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return refuseText('is not a choice number (1, 2, …)');
  return accept(Number(t));
}
