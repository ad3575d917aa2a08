/** Which schema rows a lesson link lets the control panel show. */
import type { AnyFieldRow } from '../../core/config';
import type { Lesson } from '../../core/lesson';

/** Hidden rows never; locked rows shown disabled, except in embed mode, where only editable rows are shown. */
export function visibleRows(rows: readonly AnyFieldRow[], lesson: Lesson): AnyFieldRow[] {
  return rows.filter((r) => !lesson.hide.includes(r.field) && !(lesson.embed && lesson.lock.includes(r.field)));
}
