/**
 * Share links and lesson keys under fuzz: generated links mix real keys with good, boundary and
 * absurd values, typos, unknown and very long keys, broken percent-encoding and lesson keys. The
 * oracle checks what the page relies on: decoding never throws, every field is within its schema
 * row, nothing but the fields is set, every bad key is named in a visible notice, notices are short,
 * and the lesson codecs agree (decodeLesson, encodeLesson, lessonSegments).
 */
import { clipText, decodeConfig, FIELDS, FIELD_BY_KEY, isLessonKey, LESSON_KEYS, queryPart, wellFormed } from '../../src/core/config';
import type { Problem } from '../../src/core/config';
import { ALL_FIELDS, decodeLesson, encodeLesson, lessonSegments } from '../../src/core/lesson';
import type { Lesson } from '../../src/core/lesson';
import { MAX_CHOICE, MAX_EXPLANATION, MAX_QUESTION } from '../../src/core/lesson/values';
import type { Rand } from './rand';
import type { Finding } from './report';

/** The longest notice message the page may get from a link. */
export const MAX_MESSAGE = 300;
const TRACKING = /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|ref)$/;
const KEYS = FIELDS.map((r) => r.key);

function typo(r: Rand, key: string): string {
  const i = r.int(key.length + 1);
  return r.pick([key.slice(0, i) + key.slice(i + 1), `${key}s`, key.toUpperCase(), ` ${key} `, `${key.slice(0, i)}x${key.slice(i)}`]);
}

function lessonValue(r: Rand, key: string): string {
  switch (key) {
    case 'lock':
    case 'hide':
      return r.pick(['all', 'mh,beta', 'mh,bogus', '', r.nasty(), Array.from({ length: 1 + r.int(5) }, () => r.pick(KEYS)).join(',')]);
    case 'embed':
      return r.pick(['1', '0', 'true', 'yes', r.nasty()]);
    case 'choices':
      return r.pick(['A|B', 'A|B|C|D|E|F|G', 'A||B', 'A', r.nasty(), `${r.nasty()}|${r.nasty()}`]);
    case 'answer':
      return r.pick(['1', '2', '7', '0', '-1', r.numberText()]);
    case 'digest':
      return r.pick(['wasm:0123abcd:1e-3,2e-3', 'wasm:zz:1', 'a:b', `wasm:0123abcd:${r.numberText()}`, r.nasty()]);
    default:
      return r.chance(0.5) ? encodeURIComponent(wellFormed(r.nasty())) : r.nasty();
  }
}

/**
 * One link: 1–12 segments of every sort, sometimes inside a whole URL or a hash; `lessonShare` of
 * the segments are lesson keys (the lesson-key fuzz raises it).
 */
export function generateLink(r: Rand, lessonShare = 0.15): string {
  const segments = Array.from({ length: 1 + r.int(12) }, (): string => {
    const key = r.chance(lessonShare) ? r.pick(LESSON_KEYS) : r.pick<() => string>([
      () => r.pick(KEYS),
      () => r.pick(KEYS),
      () => r.pick(LESSON_KEYS),
      () => typo(r, r.pick([...KEYS, ...LESSON_KEYS])),
      () => r.nasty(),
      () => `%${r.pick(['61', '6D', '41', 'E0', 'zz'])}${r.pick(['sk', 'h', 'ock', ''])}`,
      () => 'v',
      () => r.pick(['utm_source', 'fbclid']),
    ])();
    const value = isLessonKey(key) ? lessonValue(r, key) : r.numberText();
    return r.chance(0.05) ? key : `${key}=${value}`;
  });
  const query = segments.join(r.chance(0.1) ? '&&' : '&');
  return r.pick([query, `?${query}`, `#${query}`, `https://example.org/app/?${query}#x`, `#/lab?${query}`]);
}

/** The key and value of a segment as the codecs decode them; null where percent-decoding fails. */
function decoded(segment: string): { key: string; value: string } | null {
  const eq = segment.indexOf('=');
  try {
    return { key: decodeURIComponent(eq < 0 ? segment : segment.slice(0, eq)).trim().toLowerCase(), value: decodeURIComponent(eq < 0 ? '' : segment.slice(eq + 1)) };
  } catch {
    return null;
  }
}

const visible = (problems: readonly Problem[]): Problem[] => problems.filter((p) => p.severity !== 'info');

/** The experiment side of a link. */
export function checkLink(text: string): Finding[] {
  const out: Finding[] = [];
  const { config, problems } = decodeConfig(text);
  if (Object.keys(config).sort().join() !== FIELDS.map((r) => r.field).sort().join()) out.push({ kind: 'bound', what: 'the config has keys other than the fields' });
  if (({} as Record<string, unknown>).polluted !== undefined) out.push({ kind: 'bound', what: 'Object.prototype was changed' });
  for (const row of FIELDS) {
    const back = row.parse(row.format(config[row.field] as never));
    if (!back.ok) out.push({ kind: 'bound', what: `${row.key} is outside its row: ${back.reason}` });
  }
  for (const p of problems) if (p.message.length > MAX_MESSAGE) out.push({ kind: 'bound', what: `a notice of ${p.message.length} characters` });
  if (problems.some((p) => p.key === 'v' && p.severity === 'error')) return out; // another version: defaults, one notice
  const shown = visible(problems);
  for (const segment of queryPart(text).split('&')) {
    if (segment === '') continue;
    const d = decoded(segment);
    if (d === null) {
      if (!shown.some((p) => p.message.includes('not valid percent-encoding'))) out.push({ kind: 'unnamed', what: `undecodable segment ${segment.slice(0, 30)}` });
      continue;
    }
    if (d.key === 'v' || isLessonKey(d.key) || FIELD_BY_KEY.has(d.key) || TRACKING.test(d.key)) continue;
    if (!shown.some((p) => p.key === clipText(d.key, 40))) out.push({ kind: 'unnamed', what: `unknown key ${d.key.slice(0, 30)}` });
  }
  return out;
}

const wellFormedText = (s: string): boolean => wellFormed(s) === s;

function lessonBounds(l: Lesson): string[] {
  const bad: string[] = [];
  if (![...l.lock, ...l.hide].every((f) => ALL_FIELDS.includes(f))) bad.push('a locked field that is not a field');
  const q = l.question;
  if (q) {
    if (q.text === '' || q.text.length > MAX_QUESTION || !wellFormedText(q.text)) bad.push('question text');
    if (q.choices.length < 2 || q.choices.length > 6 || q.choices.some((c) => c === '' || c.length > MAX_CHOICE || !wellFormedText(c))) bad.push('choices');
    if (!Number.isInteger(q.answer) || q.answer < 0 || q.answer >= q.choices.length) bad.push('answer');
    if (q.explanation.length > MAX_EXPLANATION || !wellFormedText(q.explanation)) bad.push('explanation');
  }
  if (l.digest && !l.digest.mse.every(Number.isFinite)) bad.push('digest');
  return bad;
}

/** The lesson side of a link. */
export function checkLesson(text: string): Finding[] {
  const out: Finding[] = [];
  const { lesson, problems } = decodeLesson(text);
  for (const what of lessonBounds(lesson)) out.push({ kind: 'bound', what: `lesson ${what}` });
  for (const p of problems) if (p.message.length > MAX_MESSAGE) out.push({ kind: 'bound', what: `a lesson notice of ${p.message.length} characters` });
  const again = decodeLesson(encodeLesson(lesson));
  if (JSON.stringify(again.lesson) !== JSON.stringify(lesson) || again.problems.length > 0) out.push({ kind: 'bound', what: 'encodeLesson does not read back' });
  if (JSON.stringify(decodeLesson(lessonSegments(text)).lesson) !== JSON.stringify(lesson)) out.push({ kind: 'unnamed', what: 'lessonSegments drops a lesson key decodeLesson reads' });
  const given = new Map<string, string>();
  for (const segment of queryPart(text).split('&')) {
    const d = decoded(segment);
    if (d && isLessonKey(d.key)) given.set(d.key, d.value);
  }
  const named = (keys: readonly string[]): boolean => problems.some((p) => keys.includes(p.key) && p.severity !== 'info');
  const embed = given.get('embed')?.trim().toLowerCase();
  if (embed !== undefined && !['1', '0', 'true', 'false'].includes(embed) && !named(['embed'])) out.push({ kind: 'unnamed', what: 'a bad embed= without a notice' });
  if (given.has('digest') && lesson.digest === null && !named(['digest'])) out.push({ kind: 'unnamed', what: 'a refused digest= without a notice' });
  const questionKeys = ['ask', 'choices', 'answer', 'explain'];
  if (questionKeys.some((k) => given.has(k)) && lesson.question === null && !named(questionKeys)) out.push({ kind: 'unnamed', what: 'a refused question without a notice' });
  return out;
}
