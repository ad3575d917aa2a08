/**
 * The lesson codec: the lesson keys of a link ⇄ Lesson. The keys share the link with the experiment
 * (whose codec passes over them, see core/config/link-keys.ts):
 *
 *   lock=mh,beta   those controls are shown disabled with a lock note (`all`: every control)
 *   hide=lr        those controls are not rendered (and so cannot be edited either)
 *   embed=1        minimal chrome for an iframe
 *   ask=…&choices=A|B|C&answer=2&explain=…   predict, then reveal (answer is 1-based)
 *   digest=wasm:3f2a9c01:1.52e-3,4.8e-4      a finished run's numbers (see digest.ts)
 *
 * Decoding never throws: a bad value is dropped with a Problem naming the key, the value and what is
 * allowed; the rest of the lesson still applies. `decodeLesson(encodeLesson(l)).lesson` equals l.
 */
import { clipText, isLessonKey, keyOf, queryPart, wellFormed } from './deps';
import type { LessonKey, Problem } from './deps';
import { formatDigest, parseDigest } from './digest';
import { NO_LESSON, type Field, type Lesson, type Question } from './types';
import {
  ALL_FIELDS,
  MAX_EXPLANATION,
  MAX_QUESTION,
  parseAnswer,
  parseChoices,
  parseFieldList,
  parseFlag,
  parseText,
} from './values';

type Mutable<T> = { -readonly [P in keyof T]: T[P] };

export interface LessonDecode {
  readonly lesson: Lesson;
  readonly problems: readonly Problem[];
}

const shorten = (raw: string): string => (raw.length > 40 ? `${clipText(raw, 38).slice(0, -1)}...` : raw);

/**
 * The key of a `key=value` segment as both readers of lesson keys see it: percent-decoded, trimmed,
 * lower case (so `%61sk=` is `ask`); undefined when it is not valid percent-encoding (the experiment
 * codec names those segments).
 */
function segmentKey(segment: string): string | undefined {
  const eq = segment.indexOf('=');
  try {
    return decodeURIComponent(eq < 0 ? segment : segment.slice(0, eq)).trim().toLowerCase();
  } catch {
    return undefined;
  }
}
const problem = (key: LessonKey, raw: string, reason: string): Problem => ({
  key,
  severity: 'warning',
  message: `${key}: ${JSON.stringify(shorten(raw))} ${reason}`,
});

/** The last value of each lesson key in the link (a repeated key is noted). */
function lessonPairs(text: string, problems: Problem[]): Map<LessonKey, string> {
  const out = new Map<LessonKey, string>();
  for (const segment of queryPart(text).split('&')) {
    const eq = segment.indexOf('=');
    const key = segmentKey(segment);
    let value: string;
    try {
      // Well-formed: a lone surrogate would make encodeURIComponent throw when the lesson is re-encoded.
      value = wellFormed(decodeURIComponent(eq < 0 ? '' : segment.slice(eq + 1)));
    } catch {
      continue; // the experiment codec already reports undecodable segments
    }
    if (key === undefined || !isLessonKey(key)) continue;
    if (out.has(key)) problems.push({ key, severity: 'info', message: `${key}: given more than once; the last value counts` });
    out.set(key, value);
  }
  return out;
}

/** ask/choices/answer/explain → a question, or null with problems naming what is missing or wrong. */
function readQuestion(pairs: Map<LessonKey, string>, problems: Problem[]): Question | null {
  const ask = pairs.get('ask');
  const choicesRaw = pairs.get('choices');
  const answerRaw = pairs.get('answer');
  const explainRaw = pairs.get('explain');
  if (ask === undefined && choicesRaw === undefined && answerRaw === undefined && explainRaw === undefined) return null;
  const missing = (['ask', 'choices', 'answer'] as const).filter((k) => pairs.get(k) === undefined);
  if (missing.length > 0) {
    const given = (['ask', 'choices', 'answer', 'explain'] as const).filter((k) => pairs.has(k));
    const first = given[0] ?? 'ask';
    problems.push({ key: first, severity: 'warning', message: `${first}: a question needs ${missing.map((k) => `${k}=`).join(' and ')} as well; no question is asked` });
    return null;
  }
  const text = parseText(ask ?? '', MAX_QUESTION, false);
  const choices = parseChoices(choicesRaw ?? '');
  const answer = parseAnswer(answerRaw ?? '');
  const explanation = parseText(explainRaw ?? '', MAX_EXPLANATION, true);
  if (!text.ok) problems.push(problem('ask', ask ?? '', `${text.reason}; no question is asked`));
  if (!choices.ok) problems.push(problem('choices', choicesRaw ?? '', `${choices.reason}; no question is asked`));
  if (!answer.ok) problems.push(problem('answer', answerRaw ?? '', `${answer.reason}; no question is asked`));
  else if (choices.ok && (answer.value < 1 || answer.value > choices.value.length)) {
    problems.push(problem('answer', answerRaw ?? '', `is out of range 1–${choices.value.length} (the number of choices); no question is asked`));
    return null;
  }
  if (!explanation.ok) problems.push(problem('explain', explainRaw ?? '', `${explanation.reason}; the question is asked without it`));
  if (!text.ok || !choices.ok || !answer.ok) return null;
  return { text: text.value, choices: choices.value, answer: answer.value - 1, explanation: explanation.ok ? explanation.value : '' };
}

/** Read the lesson keys of a link (any form queryPart accepts). Never throws. */
export function decodeLesson(text: string): LessonDecode {
  const problems: Problem[] = [];
  const pairs = lessonPairs(text, problems);
  const out: Mutable<Lesson> = { ...NO_LESSON };
  for (const key of ['lock', 'hide'] as const) {
    const raw = pairs.get(key);
    if (raw === undefined) continue;
    const { fields, reason } = parseFieldList(raw);
    out[key] = fields;
    if (reason !== null) problems.push(problem(key, raw, reason));
  }
  const embed = pairs.get('embed');
  if (embed !== undefined) {
    const flag = parseFlag(embed);
    if (flag.ok) out.embed = flag.value;
    else problems.push(problem('embed', embed, `${flag.reason}; the full page is shown`));
  }
  out.question = readQuestion(pairs, problems);
  const digest = pairs.get('digest');
  if (digest !== undefined) {
    const d = parseDigest(digest);
    if (d.ok) out.digest = d.value;
    else problems.push(problem('digest', digest, `${d.reason}; the run is not checked`));
  }
  return { lesson: out, problems };
}

/**
 * Percent-encode, keeping `,` and `:` readable (they separate list items and digest parts). A lone
 * surrogate (which encodeURIComponent refuses with a URIError) is written as U+FFFD.
 */
const escape = (text: string): string => encodeURIComponent(wellFormed(text)).replace(/%2C/gi, ',').replace(/%3A/gi, ':');

const fieldList = (fields: readonly Field[]): string =>
  ALL_FIELDS.every((f) => fields.includes(f)) ? 'all' : ALL_FIELDS.filter((f) => fields.includes(f)).map(keyOf).join(',');

/** The lesson's link keys, `&`-joined in a fixed order; '' for no lesson. */
export function encodeLesson(l: Lesson): string {
  const parts: string[] = [];
  if (l.lock.length > 0) parts.push(`lock=${fieldList(l.lock)}`);
  if (l.hide.length > 0) parts.push(`hide=${fieldList(l.hide)}`);
  if (l.embed) parts.push('embed=1');
  if (l.question !== null) {
    const q = l.question;
    parts.push(`ask=${escape(q.text)}`, `choices=${q.choices.map(escape).join('|')}`, `answer=${q.answer + 1}`);
    if (q.explanation !== '') parts.push(`explain=${escape(q.explanation)}`);
  }
  if (l.digest !== null) parts.push(`digest=${escape(formatDigest(l.digest))}`);
  return parts.join('&');
}

/**
 * The raw lesson segments of a query, as they were written (to carry them over when the experiment
 * part is rewritten): the segments whose key decodeLesson reads, decoded the same way. A raw `#` or
 * `?` (possible in a link read from its hash) is percent-encoded, so the segments stay one query
 * after `?…&` and read back as the same lesson.
 */
export function lessonSegments(query: string): string {
  return queryPart(query)
    .split('&')
    .filter((segment) => {
      const key = segmentKey(segment);
      return key !== undefined && isLessonKey(key);
    })
    .map((segment) => segment.replace(/#/g, '%23').replace(/\?/g, '%3F'))
    .join('&');
}

export { ALL_FIELDS };
