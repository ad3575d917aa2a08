import { useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { FIELDS, formatField } from '../../core/config';
import type { AnyFieldRow, ExperimentConfig, ExperimentKind, FieldGroup } from '../../core/config';
import { useConfig } from '../app-context';
import { useLesson } from '../lesson/use-lesson';
import { visibleRows } from '../lesson/visible-rows';
import { setAllSettings, useAllSettings } from './all-settings';
import { FieldControl } from './FieldControl';
import { focusField, problemsOf } from './field-meta';
import { FIELD_LABELS, GROUPS } from '../field-labels';
import { essentialsView } from './panel-view';
import type { EssentialsView } from './panel-view';
import { PresetMenu } from './PresetMenu';
import { SETTINGS_ID } from '../layout/SettingsToggle';
import './controls.css';

const FIELDS_ID = 'settings-fields';

const KIND_NAMES: Readonly<Record<ExperimentKind, string>> = {
  single: 'single run',
  sweep: 'sweep',
  compare: 'comparison',
  exact: 'exact spectra',
};

/**
 * The left column: presets, then the experiment's essentials (kind, target, ranks, m_h, steps, seeds:
 * core/config/essentials.ts) with every other field one click away under "All settings", grouped in
 * collapsible sections. A lesson link's hidden fields are left out; its locked ones are always shown.
 * In embed mode the column holds only the fields the student may edit, all of them, without presets.
 */
export function ControlPanel() {
  const lesson = useLesson((s) => s.lesson);
  const all = useAllSettings();
  const config = useConfig((s) => s.config);
  const problems = useConfig((s) => s.problems);
  const linkProblems = useConfig((s) => s.linkProblems);
  const drafts = useConfig((s) => s.drafts);
  // A field whose link value was refused (it kept its default) is shown beside the essentials too.
  const flagged = useMemo(() => [...problems, ...linkProblems], [problems, linkProblems]);
  // The link version is the codec's business, not a setting.
  const rows = useMemo(() => visibleRows(FIELDS, lesson).filter((r) => r.field !== 'v'), [lesson]);
  // Fields once shown beside the essentials (invalid, say) stay, so one does not vanish as it is fixed.
  const [kept, setKept] = useState<ReadonlySet<keyof ExperimentConfig>>(() => new Set());
  const view = useMemo(() => essentialsView({ rows, config, lesson, problems: flagged, drafts, keep: kept }), [rows, config, lesson, flagged, drafts, kept]);
  if (view.extra.some((f) => !kept.has(f))) setKept(new Set([...kept, ...view.extra]));
  if (lesson.embed) {
    return (
      <nav className="controls" id={SETTINGS_ID} aria-label="Experiment settings">
        <AllGroups rows={rows} />
      </nav>
    );
  }
  return (
    <nav className="controls" id={SETTINGS_ID} aria-label="Experiment settings">
      <PresetMenu />
      <div className="settings-scope">
        <button type="button" className="scope-toggle" aria-expanded={all} aria-controls={FIELDS_ID} data-testid="all-settings" onClick={() => setAllSettings(!all)}>
          <span className="chevron" aria-hidden="true">
            {all ? '▾' : '▸'}
          </span>
          All settings
        </button>
        <span className="muted small" data-testid="settings-scope">
          {all ? `${rows.length} fields` : `${view.shown.length} shown, ${view.hidden} more`}
        </span>
      </div>
      <div id={FIELDS_ID}>{all ? <AllGroups rows={rows} /> : <Essentials view={view} kind={config.kind} />}</div>
    </nav>
  );
}

/** The essential fields (and any field that must stay in sight), then what "All settings" holds that differs from the defaults. */
function Essentials({ view, kind }: { readonly view: EssentialsView; readonly kind: ExperimentKind }) {
  const config = useConfig((s) => s.config);
  // Open every setting and move to one of them.
  const reveal = (row: AnyFieldRow): void => {
    flushSync(() => setAllSettings(true));
    focusField(row.key);
  };
  return (
    <section className="group essentials" aria-labelledby="essentials-title" data-testid="essentials">
      <h2 className="group-title essentials-title" id="essentials-title">
        Essentials of this {KIND_NAMES[kind]}
      </h2>
      <div className="group-body">
        {view.shown.map((r) => (
          <FieldControl key={r.field} row={r} />
        ))}
      </div>
      {view.changed.length > 0 && (
        <p className="also-set small" data-testid="also-set">
          Also set under All settings:{' '}
          {view.changed.map((r, i) => (
            <span key={r.field}>
              {i > 0 ? ' · ' : ''}
              <button type="button" className="link" data-testid={`also-set-${r.key}`} onClick={() => reveal(r)}>
                {FIELD_LABELS[r.field]}
              </button>{' '}
              <code>{formatField(r.field, config[r.field])}</code>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}

function AllGroups({ rows }: { readonly rows: readonly AnyFieldRow[] }) {
  return (
    <>
      {GROUPS.map((g) => (
        <GroupSection key={g.id} id={g.id} title={g.title} rows={rows.filter((r) => r.group === g.id)} />
      ))}
    </>
  );
}

function GroupSection({ id, title, rows }: { readonly id: FieldGroup; readonly title: string; readonly rows: readonly AnyFieldRow[] }) {
  const [open, setOpen] = useState(true);
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
