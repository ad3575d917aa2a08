import { useEffect, useState } from 'react';
import { studyTableSteps } from '../../core/results';
import type { NotAStudy, StudyRun, StudyTable } from '../../core/results';
import { tick } from '../../core/train/yield';

/** The longest stretch of the study's analysis in one main-thread task. */
const SLICE_MS = 8;

/**
 * The table of a study, built a few runs per task (hundreds of runs would otherwise hold the page):
 * null while it is being built, then the table or why the runs form no study. New runs start over.
 */
export function useStudyTable(runs: readonly StudyRun[]): StudyTable | NotAStudy | null {
  // The table with the runs it was built from: a table of other runs reads as null.
  const [built, setBuilt] = useState<{ readonly runs: readonly StudyRun[]; readonly table: StudyTable | NotAStudy } | null>(null);
  useEffect(() => {
    let live = true;
    const steps = studyTableSteps(runs);
    const slice = (): void => {
      if (!live) return;
      const t0 = performance.now();
      let r = steps.next();
      while (!r.done && performance.now() - t0 < SLICE_MS) r = steps.next();
      if (r.done) setBuilt({ runs, table: r.value });
      else void tick().then(slice);
    };
    void tick().then(slice);
    return () => {
      live = false;
    };
  }, [runs]);
  return built?.runs === runs ? built.table : null;
}
