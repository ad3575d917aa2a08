/**
 * The fuzz suite: share links, lesson keys and notebooks, each from its own seeded streams (case n
 * of a kind depends only on the seed and n). `npm run fuzz` runs it at length (tools/fuzz.ts), and a
 * small slice runs in `npm test` (fuzz.test.ts).
 */
import { checkLesson, checkLink, generateLink } from './links';
import { generateNotebook } from './notebook-gen';
import { checkNotebook } from './notebooks';
import { Rand } from './rand';
import { runKind } from './report';
import type { FuzzKind, KindReport } from './report';

export interface FuzzOptions {
  readonly seed: number;
  /** Cases of each kind: links, lesson keys, notebooks. */
  readonly cases: { readonly links: number; readonly lessons: number; readonly notebooks: number };
  /** A case taking longer than this is a freeze. */
  readonly freezeMs: number;
  /** Stop a kind after this long (the cases run so far are reported). */
  readonly budgetMs?: number;
}

export function fuzzKinds(seed: number): { links: FuzzKind<string>; lessons: FuzzKind<string>; notebooks: FuzzKind<{ text: string; valid: boolean }> } {
  return {
    links: {
      name: 'share links',
      generate: (n) => generateLink(new Rand(seed, `links-${n}`)),
      check: (text) => [...checkLink(text), ...checkLesson(text)],
      show: (text) => text,
    },
    lessons: {
      name: 'lesson keys',
      generate: (n) => generateLink(new Rand(seed, `lessons-${n}`), 0.7),
      check: (text) => [...checkLesson(text), ...checkLink(text)],
      show: (text) => text,
    },
    notebooks: {
      name: 'notebooks',
      generate: (n) => generateNotebook(new Rand(seed, `notebooks-${n}`)),
      check: (c) => checkNotebook(c.text, c.valid),
      show: (c) => c.text,
    },
  };
}

export function runFuzz(o: FuzzOptions): KindReport[] {
  const k = fuzzKinds(o.seed);
  return [
    runKind(k.links, o.cases.links, o.freezeMs, o.budgetMs),
    runKind(k.lessons, o.cases.lessons, o.freezeMs, o.budgetMs),
    runKind(k.notebooks, o.cases.notebooks, o.freezeMs, o.budgetMs),
  ];
}
