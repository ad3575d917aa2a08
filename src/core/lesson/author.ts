/**
 * The teacher's side: a lesson link from the settings and a form's text (the "Make lesson link"
 * dialog). The link is checked by decoding it again, so the problems shown are the ones a student's
 * page would report.
 */
import { encodeConfig } from './deps';
import type { ExperimentConfig } from './deps';
import { decodeLesson, encodeLesson } from './codec';
import type { Digest, Field, Lesson, Question } from './types';

export interface LessonDraft {
  readonly lock: readonly Field[];
  readonly hide: readonly Field[];
  readonly embed: boolean;
  readonly ask: string;
  /** One choice per line; blank lines are dropped. */
  readonly choices: string;
  /** 0-based index into the non-blank choices, or null when none is marked right. */
  readonly answer: number | null;
  readonly explain: string;
  readonly digest: Digest | null;
}

export interface AuthoredLink {
  /** Experiment keys, then lesson keys (no leading `?`). */
  readonly query: string;
  readonly lesson: Lesson;
  /** Why the link would not carry what the form says; empty when it does. */
  readonly problems: readonly string[];
}

export const choiceLines = (text: string): string[] => text.split('\n').map((c) => c.trim()).filter((c) => c !== '');

function draftQuestion(d: LessonDraft, problems: string[]): Question | null {
  const choices = choiceLines(d.choices);
  if (d.ask.trim() === '' && choices.length === 0) return null;
  if (d.ask.trim() === '') problems.push('The question is empty.');
  if (choices.some((c) => c.includes('|'))) problems.push('A choice may not contain “|” (it separates the choices in the link).');
  if (d.answer === null || d.answer >= choices.length) problems.push('Mark the right choice.');
  return { text: d.ask.trim(), choices, answer: d.answer ?? 0, explanation: d.explain.trim() };
}

export function authorLessonLink(config: ExperimentConfig, d: LessonDraft): AuthoredLink {
  const problems: string[] = [];
  const hide = [...d.hide];
  const lock = d.lock.filter((f) => !hide.includes(f)); // hidden is already frozen
  const question = draftQuestion(d, problems);
  const lesson: Lesson = { lock, hide, embed: d.embed, question, digest: d.digest };
  const lessonText = encodeLesson(lesson);
  const checked = decodeLesson(lessonText);
  for (const p of checked.problems) if (!problems.some((q) => q === p.message)) problems.push(p.message);
  const query = lessonText === '' ? encodeConfig(config) : `${encodeConfig(config)}&${lessonText}`;
  return { query, lesson: checked.lesson, problems };
}
