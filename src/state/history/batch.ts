/**
 * Reading many lab notebooks at once (a study's folder): each file is checked as a single import is
 * (size before reading, then parseNotebook, then the caller's own check, e.g. a lesson's locks), and
 * the good ones are returned in file-name order with every refused file named. The page stays
 * responsive: the reading gives the event loop a turn whenever it has worked SLICE_MS in one task.
 */
import { clipText } from '../../core/config';
import { tick } from '../../core/train/yield';
import { checkSize } from './json-bounds';
import { NotebookError, parseNotebook } from './notebook';
import type { NotebookRun } from './notebook';

/** A file to import: what the page's File offers (a test can hand in plain objects). */
export interface NotebookSource {
  /** The name a notice shows (a folder's files: their path inside the folder). */
  readonly name: string;
  readonly size: number;
  text(): Promise<string>;
}

export interface RefusedFile {
  readonly name: string;
  readonly why: string;
}

export interface BatchRead {
  readonly good: readonly { readonly name: string; readonly run: NotebookRun }[];
  readonly refused: readonly RefusedFile[];
}

/** Longest stretch of reading in one main-thread task (the page's budget per task is 50 ms). */
export const SLICE_MS = 8;

export interface BatchOptions {
  /** Why a parsed run cannot be kept here (null: it can). */
  readonly check: (run: NotebookRun) => string | null;
  /** Called with how many files are done before each turn the reading gives the page, and at the end. */
  readonly progress?: (done: number, total: number) => void;
  /** A turn for the event loop (default: core's tick, a task of its own). */
  readonly yieldNow?: () => Promise<void>;
  readonly now?: () => number;
}

/** Why a file's text is refused, or its run. */
export function readOne(text: string, check: BatchOptions['check']): { run: NotebookRun } | { why: string } {
  let run: NotebookRun;
  try {
    run = parseNotebook(text);
  } catch (err) {
    return { why: err instanceof NotebookError ? err.message : `unexpected problem (${clipText(String(err), 200)})` };
  }
  const why = check(run);
  return why === null ? { run } : { why };
}

/** File names in natural order (e2 before e10); one collator, as a collator per comparison is slow. */
const names = new Intl.Collator('en', { numeric: true });
const byName = (a: NotebookSource, b: NotebookSource): number => names.compare(a.name, b.name);

/** Read and check every file (in name order); refused files are named with the reason. */
export async function readNotebooks(files: readonly NotebookSource[], o: BatchOptions): Promise<BatchRead> {
  const now = o.now ?? (() => performance.now());
  const yieldNow = o.yieldNow ?? tick;
  const good: { name: string; run: NotebookRun }[] = [];
  const refused: RefusedFile[] = [];
  const sorted = [...files].sort(byName);
  let started = now();
  for (const [i, file] of sorted.entries()) {
    try {
      checkSize(file.size);
    } catch (err) {
      refused.push({ name: file.name, why: err instanceof Error ? err.message : String(err) });
      continue;
    }
    // An unreadable file reaches the validator as empty text, which it refuses as "not JSON".
    const text = await file.text().catch(() => '');
    const one = readOne(text, o.check);
    if ('run' in one) good.push({ name: file.name, run: one.run });
    else refused.push({ name: file.name, why: one.why });
    if (now() - started > SLICE_MS) {
      o.progress?.(i + 1, sorted.length);
      await yieldNow();
      started = now();
    }
  }
  o.progress?.(sorted.length, sorted.length);
  return { good, refused };
}
