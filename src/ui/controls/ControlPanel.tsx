import { useState } from 'react';
import { FIELDS } from '../../core/config';
import type { FieldGroup } from '../../core/config';
import { useConfig } from '../app-context';
import { useLesson } from '../lesson/use-lesson';
import { visibleRows } from '../lesson/visible-rows';
import { FieldControl } from './FieldControl';
import { problemsOf } from './field-meta';
import { GROUPS } from './labels';
import { PresetMenu } from './PresetMenu';
import { SETTINGS_ID } from '../layout/SettingsToggle';

/**
 * The left column: presets, then every schema field grouped in collapsible sections. A lesson link's
 * hidden fields are left out (and, in embed mode, its locked ones and the presets too).
 */
export function ControlPanel() {
  const embed = useLesson((s) => s.lesson.embed);
  return (
    <nav className="controls" id={SETTINGS_ID} aria-label="Experiment settings">
      {!embed && <PresetMenu />}
      {GROUPS.map((g) => (
        <GroupSection key={g.id} id={g.id} title={g.title} />
      ))}
    </nav>
  );
}

function GroupSection({ id, title }: { readonly id: FieldGroup; readonly title: string }) {
  const [open, setOpen] = useState(true);
  const lesson = useLesson((s) => s.lesson);
  // The link version is the codec's business, not a setting.
  const rows = visibleRows(FIELDS, lesson).filter((r) => r.group === id && r.field !== 'v');
  const problems = useConfig((s) => s.problems);
  const drafts = useConfig((s) => s.drafts);
  const bad = rows.filter((r) => drafts[r.field] !== undefined || problemsOf(r, problems).length > 0).length;
  // A section with an invalid field stays open, so the field and its reason can be reached.
  const expanded = open || bad > 0;
  const bodyId = `group-${id}`;
  if (rows.length === 0) return null;
  return (
    <section className="group" aria-labelledby={`${bodyId}-title`}>
      <h2 className="group-title" id={`${bodyId}-title`}>
        <button
          type="button"
          className="group-toggle"
          aria-expanded={expanded}
          aria-controls={bodyId}
          data-testid={`group-${id}`}
          onClick={() => setOpen(!expanded)}
        >
          <span className="chevron" aria-hidden="true">
            {expanded ? '▾' : '▸'}
          </span>
          {title}
          <span className="group-count">{rows.length}</span>
          {bad > 0 && <span className="badge error">{bad} invalid</span>}
        </button>
      </h2>
      <div id={bodyId} className="group-body" hidden={!expanded}>
        {rows.map((r) => (
          <FieldControl key={r.field} row={r} />
        ))}
      </div>
    </section>
  );
}
