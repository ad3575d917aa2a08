import { formatField } from '../../core/config';
import type { AnyFieldRow } from '../../core/config';
import { useApp, useConfig } from '../app-context';
import { useLocked } from '../lesson/use-lesson';
import { controlId, problemsOf, rangeText } from './field-meta';
import { FIELD_LABELS } from '../field-labels';
import { TextInput } from './TextInput';

/**
 * One schema row as a labelled control: a checkbox (bool), a select (enum) or a text box (numbers
 * and lists, committed through the schema's parser). Shows unit, range, hint, and why it is invalid.
 */
export function FieldControl({ row }: { readonly row: AnyFieldRow }) {
  const { config } = useApp();
  const value = useConfig((s) => s.config[row.field]);
  const draft = useConfig((s) => s.drafts[row.field]);
  const problems = problemsOf(row, useConfig((s) => s.problems));
  const current = formatField(row.field, value);
  const shown = draft?.text ?? current;
  const invalid = draft !== undefined || problems.length > 0;
  const locked = useLocked(row.field);

  const id = controlId(row);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const lockId = `${id}-lock`;
  const described = invalid ? `${errorId} ${hintId}` : hintId;
  const a11y = {
    id,
    'data-testid': id,
    'aria-invalid': invalid,
    'aria-describedby': locked ? `${lockId} ${described}` : described,
    disabled: locked,
  };
  const set = (text: string): void => config.getState().setFieldText(row.field, text);
  const label = (
    <label htmlFor={id} className="field-label">
      {FIELD_LABELS[row.field]} <code className="field-key">{row.key}</code>
    </label>
  );
  const range = rangeText(row);

  let control;
  if (row.type === 'bool') {
    control = (
      <div className="field-check">
        <input {...a11y} type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked ? '1' : '0')} />
        {label}
      </div>
    );
  } else if (row.type === 'enum') {
    const optionHint = row.optionHints[shown];
    control = (
      <>
        {label}
        <select {...a11y} value={shown} onChange={(e) => set(e.target.value)}>
          {row.options.map((o) => (
            <option key={o} value={o} title={row.optionHints[o]}>
              {o}
            </option>
          ))}
        </select>
        {optionHint !== undefined && <p className="field-option-hint">{optionHint}</p>}
      </>
    );
  } else {
    const numeric = row.type === 'int' || row.type === 'float';
    control = (
      <>
        {label}
        <div className="field-input">
          <TextInput
            {...a11y}
            className={numeric ? 'num' : 'list'}
            inputMode={numeric ? (row.type === 'int' ? 'numeric' : 'decimal') : 'text'}
            shown={shown}
            current={current}
            onCommit={set}
          />
          {row.unit !== undefined && <span className="field-unit">{row.unit}</span>}
        </div>
      </>
    );
  }

  return (
    <div className={`field${invalid ? ' invalid' : ''}${locked ? ' locked' : ''}`}>
      {control}
      {locked && (
        <p className="field-lock" id={lockId} data-testid={lockId}>
          <span aria-hidden="true">🔒</span> Locked by this lesson link.
        </p>
      )}
      <p className="field-hint" id={hintId}>
        {row.hint}
        {range !== null && <span className="field-range"> Range: {range}.</span>}
      </p>
      {invalid && (
        <ul className="field-error" id={errorId} data-testid={errorId}>
          {draft !== undefined && (
            <li>
              “{draft.text}” {draft.reason}; not applied, the run keeps {current === '' ? 'its value' : current}.
            </li>
          )}
          {problems.map((p) => (
            <li key={p.message}>{p.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
