import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeConfig, presetConfig } from '../../../src/core/config';
import { decodeLesson } from '../../../src/core/lesson';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('the README example lesson link', () => {
  const link = README.split('\n').find((line) => line.startsWith('?v=1&kind=compare') && line.includes('&ask='));

  it('is the Table 2 preset with its set-up locked and a question, read without any problem', () => {
    expect(link).toBeDefined();
    const text = link ?? '';
    expect(decodeConfig(text)).toEqual({ config: presetConfig('table2'), problems: [] });
    const { lesson, problems } = decodeLesson(text);
    expect(problems).toEqual([]);
    expect(lesson.lock).toEqual(expect.arrayContaining(['kind', 'alteration', 'swapK', 'tau']));
    expect(lesson.question?.text).toBe('Which architecture suffers when the first and last 10 inputs are swapped?');
    expect(lesson.question?.choices[lesson.question.answer]).toBe('The RNN');
  });
});
