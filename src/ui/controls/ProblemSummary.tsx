import { SCHEMA } from '../../core/config';
import type { ExperimentConfig } from '../../core/config';
import { useConfig } from '../app-context';
import { focusField } from './field-meta';
import { FIELD_LABELS } from '../field-labels';

/**
 * Everything that keeps the current settings from running: cross-field problems (the store loads
 * nothing while there are any) and text that did not parse (the field keeps its previous value).
 */
export function ProblemSummary() {
  const problems = useConfig((s) => s.problems);
  const drafts = useConfig((s) => s.drafts);
  const draftFields = Object.keys(drafts) as (keyof ExperimentConfig)[];
  if (problems.length === 0 && draftFields.length === 0) return null;
  return (
    <section className="problem-summary" data-testid="config-problems" role="alert" aria-labelledby="problem-summary-title">
      <h2 id="problem-summary-title">
        {problems.length > 0
          ? 'Invalid settings: nothing is loaded or run (Play is off) until these are fixed'
          : 'Some text was not applied: those fields keep their previous values'}
      </h2>
      <ul>
        {problems.map((p) => (
          <li key={p.message}>
            <button type="button" className="link" onClick={() => focusField(p.key)}>
              {p.field !== undefined ? FIELD_LABELS[p.field] : p.key}
            </button>{' '}
            {p.message}
          </li>
        ))}
        {draftFields.map((f) => {
          const d = drafts[f];
          if (!d) return null;
          return (
            <li key={f}>
              <button type="button" className="link" onClick={() => focusField(SCHEMA[f].key)}>
                {FIELD_LABELS[f]}
              </button>{' '}
              {SCHEMA[f].key}: “{d.text}” {d.reason}; the previous value is kept.
            </li>
          );
        })}
      </ul>
    </section>
  );
}
