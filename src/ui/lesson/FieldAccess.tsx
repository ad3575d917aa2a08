import { FIELDS } from '../../core/config';
import type { Field } from '../../core/lesson';
import { FIELD_LABELS, GROUPS } from '../field-labels';

export type Access = 'edit' | 'lock' | 'hide';
export type AccessMap = Readonly<Partial<Record<Field, Access>>>;

interface Props {
  readonly access: AccessMap;
  readonly onChange: (next: AccessMap) => void;
}

/** Per field: editable, locked (shown disabled) or hidden, grouped as in the control panel. */
export function FieldAccess({ access, onChange }: Props) {
  const setAll = (a: Access): void => onChange(Object.fromEntries(FIELDS.map((r) => [r.field, a])));
  return (
    <fieldset className="lesson-access">
      <legend>What the student may change</legend>
      <div className="lesson-access-tools">
        <button type="button" data-testid="access-all-edit" onClick={() => setAll('edit')}>
          All editable
        </button>
        <button type="button" data-testid="access-all-lock" onClick={() => setAll('lock')}>
          Lock all
        </button>
      </div>
      {GROUPS.map((g) => (
        <div key={g.id} className="lesson-access-group">
          <h3>{g.title}</h3>
          {FIELDS.filter((r) => r.group === g.id).map((r) => (
            <div key={r.field} className="lesson-access-row">
              <label htmlFor={`access-${r.key}`}>
                {FIELD_LABELS[r.field]} <code>{r.key}</code>
              </label>
              <select
                id={`access-${r.key}`}
                data-testid={`access-${r.key}`}
                value={access[r.field] ?? 'edit'}
                onChange={(e) => {
                  const v = e.target.value;
                  if (v === 'edit' || v === 'lock' || v === 'hide') onChange({ ...access, [r.field]: v });
                }}
              >
                <option value="edit">editable</option>
                <option value="lock">locked</option>
                <option value="hide">hidden</option>
              </select>
            </div>
          ))}
        </div>
      ))}
    </fieldset>
  );
}

export const fieldsWith = (access: AccessMap, a: Access): Field[] =>
  FIELDS.map((r) => r.field).filter((f) => access[f] === a);
