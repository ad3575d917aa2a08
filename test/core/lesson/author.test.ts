import { describe, expect, it } from 'vitest';
import { decodeConfig, presetConfig } from '../../../src/core/config';
import { authorLessonLink, decodeLesson, type LessonDraft } from '../../../src/core/lesson';

const TABLE2 = presetConfig('table2');
const EMPTY: LessonDraft = { lock: [], hide: [], embed: false, ask: '', choices: '', answer: null, explain: '', digest: null };

describe('authorLessonLink', () => {
  it('without lesson fields is the plain experiment link', () => {
    const out = authorLessonLink(TABLE2, EMPTY);
    expect(out.problems).toEqual([]);
    expect(decodeConfig(out.query)).toEqual({ config: TABLE2, problems: [] });
    expect(decodeLesson(out.query).lesson.question).toBeNull();
  });

  it('carries locks, hides, embed, a question and a digest that a student page reads back exactly', () => {
    const draft: LessonDraft = {
      lock: ['mH', 'lr', 'alteration'],
      hide: ['lr'],
      embed: true,
      ask: ' Which architecture suffers when the first and last 10 inputs are swapped? ',
      choices: 'The RNN\n\nThe Transformer\nBoth equally\n',
      answer: 0,
      explain: 'The RNN’s memory fades with distance; after the swap it must remember 20+ steps back.',
      digest: { backend: 'wasm', config: '89abcdef', mse: [1.5e-7, 1.3e-4] },
    };
    const out = authorLessonLink(TABLE2, draft);
    expect(out.problems).toEqual([]);
    const { lesson, problems } = decodeLesson(`https://example.org/?${out.query}`);
    expect(problems).toEqual([]);
    expect(lesson).toEqual({
      lock: ['alteration', 'mH'], // hidden lr is not also written as locked
      hide: ['lr'],
      embed: true,
      question: {
        text: 'Which architecture suffers when the first and last 10 inputs are swapped?',
        choices: ['The RNN', 'The Transformer', 'Both equally'],
        answer: 0,
        explanation: draft.explain,
      },
      digest: draft.digest,
    });
    expect(decodeConfig(out.query)).toEqual({ config: TABLE2, problems: [] });
  });

  it('names what an unfinished question lacks', () => {
    expect(authorLessonLink(TABLE2, { ...EMPTY, ask: 'Why?', choices: 'only one', answer: null }).problems).toEqual([
      'Mark the right choice.',
      'choices: "only one" has 1 choice; 2–6 separated by | are needed; no question is asked',
    ]);
    expect(authorLessonLink(TABLE2, { ...EMPTY, ask: '', choices: 'a|b\nc', answer: 1 }).problems).toEqual([
      'The question is empty.',
      'A choice may not contain “|” (it separates the choices in the link).',
      'ask: "" is empty; no question is asked',
    ]);
  });
});
