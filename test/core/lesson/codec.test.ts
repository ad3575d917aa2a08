import { describe, expect, it } from 'vitest';
import { DEFAULTS, FIELD_BY_KEY, LESSON_KEYS, decodeConfig, encodeConfig } from '../../../src/core/config';
import { ALL_FIELDS, NO_LESSON, decodeLesson, encodeLesson, lessonSegments, type Lesson } from '../../../src/core/lesson';

const FULL: Lesson = {
  lock: ['beta', 'mH'], // table order, as decoded
  hide: ['lr'],
  embed: true,
  question: {
    text: 'Which architecture suffers when the first and last 10 inputs are swapped?',
    choices: ['The RNN', 'The Transformer', 'Both, equally', 'Neither: 50% & more?'],
    answer: 0,
    explanation: 'The RNN reads in order: a fading memory of a re-ordered input is a long memory. Attention has no order: x(t)·ρ, 1e-3.',
  },
  digest: { backend: 'wasm', config: '0123abcd', mse: [1.52e-3, 4.80712345e-4, 0] },
};

const keysOf = (text: string): string[] => decodeLesson(text).problems.map((p) => p.key);

describe('lesson keys', () => {
  it('never collide with an experiment key', () => {
    for (const key of LESSON_KEYS) expect(FIELD_BY_KEY.has(key), key).toBe(false);
  });

  it('are passed over by the experiment codec without an unknown-key notice', () => {
    const { config, problems } = decodeConfig(`v=1&mh=2&${encodeLesson(FULL)}&bogus=1`);
    expect(config).toEqual({ ...DEFAULTS, mH: 2 });
    expect(problems.map((p) => p.key)).toEqual(['bogus']);
  });
});

describe('encodeLesson / decodeLesson', () => {
  it('writes nothing for no lesson and reads nothing from a plain experiment link', () => {
    expect(encodeLesson(NO_LESSON)).toBe('');
    expect(decodeLesson(`?${encodeConfig({ ...DEFAULTS, mH: 3 })}`)).toEqual({ lesson: NO_LESSON, problems: [] });
  });

  it('writes readable keys in a fixed order', () => {
    const text = encodeLesson({ ...NO_LESSON, lock: ['beta', 'mH'], hide: ['lr'], embed: true });
    expect(text).toBe('lock=beta,mh&hide=lr&embed=1');
  });

  it('round-trips every part, including text that needs escaping', () => {
    const text = encodeLesson(FULL);
    expect(text).toContain('choices=The%20RNN|The%20Transformer|');
    expect(text).toContain('answer=1');
    expect(text).toContain('digest=wasm:0123abcd:1.52e-3,4.80712345e-4,0e0');
    expect(decodeLesson(`https://x.org/app/?v=1&mh=2&${text}`)).toEqual({ lesson: FULL, problems: [] });
  });

  it('writes every field locked as all, and reads all back as every field', () => {
    expect(encodeLesson({ ...NO_LESSON, lock: ALL_FIELDS })).toBe('lock=all');
    expect(decodeLesson('lock=all').lesson.lock).toEqual(ALL_FIELDS);
  });

  it('keys are case-insensitive; a repeated key counts its last value and is noted', () => {
    const { lesson, problems } = decodeLesson('LOCK=mh&lock=beta,MH');
    expect(lesson.lock).toEqual(['beta', 'mH']);
    expect(problems).toEqual([{ key: 'lock', severity: 'info', message: 'lock: given more than once; the last value counts' }]);
  });
});

describe('bad lesson values give problems naming the key, and the rest applies', () => {
  it('an unknown key in lock is named; the known ones still lock', () => {
    const { lesson, problems } = decodeLesson('lock=mh,zzz&hide=qq');
    expect(lesson.lock).toEqual(['mH']);
    expect(lesson.hide).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      'lock: "mh,zzz" names a key that is not a setting ("zzz"); the others apply',
      'hide: "qq" names a key that is not a setting ("qq"); nothing applies',
    ]);
  });

  it('embed must be 0 or 1', () => {
    const { lesson, problems } = decodeLesson('embed=yes');
    expect(lesson.embed).toBe(false);
    expect(problems[0]?.message).toBe('embed: "yes" is not 0 or 1; the full page is shown');
  });

  it('a question needs ask, choices and answer', () => {
    expect(decodeLesson('ask=Why%3F').problems[0]?.message).toBe('ask: a question needs choices= and answer= as well; no question is asked');
    expect(decodeLesson('choices=a|b&answer=1').problems[0]?.message).toBe('choices: a question needs ask= as well; no question is asked');
    expect(decodeLesson('ask=Why&choices=a|b').lesson.question).toBeNull();
  });

  it('choices need 2–6 non-empty entries; the answer must name one', () => {
    expect(keysOf('ask=Q&choices=only&answer=1')).toEqual(['choices']);
    expect(decodeLesson('ask=Q&choices=a||c&answer=1').problems[0]?.message).toBe('choices: "a||c" has an empty choice (number 2); no question is asked');
    const out = decodeLesson('ask=Q&choices=a|b|c&answer=4');
    expect(out.lesson.question).toBeNull();
    expect(out.problems[0]?.message).toBe('answer: "4" is out of range 1–3 (the number of choices); no question is asked');
    expect(decodeLesson('ask=Q&choices=a|b&answer=first').problems[0]?.message).toBe('answer: "first" is not a choice number (1, 2, …); no question is asked');
  });

  it('a too-long explanation is dropped but the question is still asked', () => {
    const { lesson, problems } = decodeLesson(`ask=Q&choices=a|b&answer=2&explain=${'x'.repeat(601)}`);
    expect(lesson.question).toEqual({ text: 'Q', choices: ['a', 'b'], answer: 1, explanation: '' });
    expect(problems[0]?.message).toMatch(/^explain: "x{37}\.\.\." is 601 characters long; at most 600 are allowed/);
  });

  it('a malformed digest is named and not checked', () => {
    const bad = ['wasm:1.2e-3', 'WASM!:0123abcd:1', 'wasm:xyz:1', 'wasm:0123abcd:1,-2', 'wasm:0123abcd:1,NaN'];
    for (const text of bad) {
      const { lesson, problems } = decodeLesson(`digest=${text}`);
      expect(lesson.digest, text).toBeNull();
      expect(problems[0]?.key, text).toBe('digest');
      expect(problems[0]?.message, text).toMatch(/the run is not checked$/);
    }
  });
});

describe('lessonSegments', () => {
  it('keeps the lesson segments as written and drops the experiment ones', () => {
    expect(lessonSegments('?v=1&lock=mh&mh=2&ask=Why%3F&embed=1')).toBe('lock=mh&ask=Why%3F&embed=1');
    expect(lessonSegments('?v=1&mh=2')).toBe('');
  });
});

// Issue 13, item 6: `%61sk=` was read by decodeLesson but dropped by lessonSegments, so the question
// vanished from the address bar at the first edit; a lone surrogate in `ask=` made re-encoding throw.
describe('lesson keys read the same way everywhere', () => {
  it('lessonSegments keeps every segment decodeLesson reads (percent-encoded, spaced or upper-case keys)', () => {
    const link = '?v=1&%61sk=Why%3F&%43HOICES=a|b&%20answer%20=1&mh=2&lock=%6Dh';
    expect(decodeLesson(link).lesson.question?.text).toBe('Why?');
    expect(lessonSegments(link)).toBe('%61sk=Why%3F&%43HOICES=a|b&%20answer%20=1&lock=%6Dh');
    expect(decodeLesson(lessonSegments(link)).lesson).toEqual(decodeLesson(link).lesson);
    // An undecodable key is read by neither (the experiment codec names it).
    expect(lessonSegments('?%E0%A4%A=1&ask=x')).toBe('ask=x');
  });

  it('a lone surrogate in a lesson text is read as U+FFFD and re-encodes without throwing', () => {
    const link = `?ask=Why\uD800?&choices=a|b\uDC00&answer=1&explain=\uDBFFx`;
    const { lesson, problems } = decodeLesson(link);
    expect(problems).toEqual([]);
    expect(lesson.question).toEqual({ text: 'Why\uFFFD?', choices: ['a', 'b\uFFFD'], answer: 0, explanation: '\uFFFDx' });
    const text = encodeLesson(lesson);
    expect(text).toBe('ask=Why%EF%BF%BD%3F&choices=a|b%EF%BF%BD&answer=1&explain=%EF%BF%BDx');
    // A question typed with a lone surrogate (the teacher's form) encodes too.
    const typed: Lesson = { ...NO_LESSON, question: { text: 'x\uD83D', choices: ['a', 'b'], answer: 1, explanation: '' } };
    expect(decodeLesson(encodeLesson(typed)).lesson.question?.text).toBe('x\uFFFD');
    // A well-formed pair is kept as it is.
    expect(decodeLesson(`?ask=${encodeURIComponent('😀?')}&choices=a|b&answer=2`).lesson.question?.text).toBe('😀?');
  });

  it('quotes at most 40 characters of a refused value, never half a surrogate pair', () => {
    const { problems } = decodeLesson(`?embed=${'😀'.repeat(100)}`);
    const quoted = /"(.*)"/.exec(problems[0]?.message ?? '')?.[1] ?? '';
    expect(quoted.endsWith('...')).toBe(true);
    expect(quoted.length).toBeLessThanOrEqual(40);
    expect(quoted.slice(0, -3)).toBe('😀'.repeat(18));
  });
});
