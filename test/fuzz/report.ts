/**
 * The fuzz runner: cases of each kind from a seeded generator, each checked by its oracle and timed.
 * It counts throws (anything but a documented refusal), bound violations, unnamed keys and freezes
 * (a case over the time limit), and keeps the first examples of each.
 */

export type FindingKind = 'throw' | 'bound' | 'unnamed' | 'freeze';

export interface Finding {
  readonly kind: FindingKind;
  readonly what: string;
}

export interface KindReport {
  readonly name: string;
  readonly cases: number;
  readonly counts: Readonly<Record<FindingKind, number>>;
  /** Up to five findings, with the case that gave them. */
  readonly examples: readonly string[];
  /** The slowest case, in ms (for the freeze limit's margin). */
  readonly slowestMs: number;
}

export interface FuzzKind<T> {
  readonly name: string;
  /** The n-th case's input (its own seeded stream, so any case can be replayed alone). */
  generate(n: number): T;
  /** What is wrong with the outcome; throws only on a bug. */
  check(input: T): Finding[];
  /** The input as text, for the examples. */
  show(input: T): string;
}

const shorten = (s: string): string => (s.length > 120 ? `${s.slice(0, 117)}...` : s);

/** Run `cases` cases of one kind, or as many as fit in `budgetMs`. */
export function runKind<T>(kind: FuzzKind<T>, cases: number, freezeMs: number, budgetMs = Infinity): KindReport {
  const counts: Record<FindingKind, number> = { throw: 0, bound: 0, unnamed: 0, freeze: 0 };
  const examples: string[] = [];
  const start = performance.now();
  let slowestMs = 0;
  let n = 0;
  for (; n < cases && performance.now() - start < budgetMs; n++) {
    const input = kind.generate(n);
    const t0 = performance.now();
    let findings: Finding[];
    try {
      findings = kind.check(input);
    } catch (err) {
      findings = [{ kind: 'throw', what: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }];
    }
    const ms = performance.now() - t0;
    slowestMs = Math.max(slowestMs, ms);
    if (ms > freezeMs) findings.push({ kind: 'freeze', what: `${Math.round(ms)} ms` });
    for (const f of findings) {
      counts[f.kind]++;
      if (examples.length < 5) examples.push(`case ${n} ${f.kind}: ${shorten(f.what)} | input ${shorten(kind.show(input))}`);
    }
  }
  return { name: kind.name, cases: n, counts, examples, slowestMs };
}

export const total = (r: KindReport): number => r.counts.throw + r.counts.bound + r.counts.unnamed + r.counts.freeze;
