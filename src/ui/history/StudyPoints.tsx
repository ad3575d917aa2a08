import type { StudyTable } from '../../core/results';
import type { RunRecord } from '../../state/app-state';
import { listed } from '../format';
import { fieldLabel, shown } from './study-scene';

interface Props {
  readonly table: StudyTable;
  /** The study's runs, to name a run without a value by its number in the history. */
  readonly runs: readonly RunRecord[];
}

/** The figure's numbers as a table (what a screen reader reads, and what a reader copies). */
export function StudyPoints({ table, runs }: Props) {
  const slope = table.metric === 'slope';
  const seeds = table.spread !== null;
  const sweep = table.series.some((s) => s.points.some((p) => p.theory !== null || p.tail !== null));
  const seq = new Map(runs.map((r) => [r.id, r.seq]));
  const missing = listed(table.missing);
  return (
    <>
      <table className="study-points" data-testid="study-points">
        <thead>
          <tr>
            {table.seriesBy.length > 0 ? <th scope="col">series</th> : null}
            <th scope="col">{fieldLabel(table.x)}</th>
            <th scope="col">{slope ? `fitted slope (rank ${String(table.rank)})` : 'final eval MSE'}</th>
            {seeds ? <th scope="col">min … max over seeds</th> : null}
            {sweep ? <th scope="col">theory −(2α−1)</th> : null}
            {sweep ? <th scope="col">tail slope</th> : null}
          </tr>
        </thead>
        <tbody>
          {table.series.flatMap((s) =>
            s.points.map((p) => (
              <tr key={`${s.name}|${p.label}`}>
                {table.seriesBy.length > 0 ? <td>{s.name}</td> : null}
                <td>{p.label}</td>
                <td>
                  {p.values.length === 0 ? '—' : shown(table, p.mean)}
                  {p.values.length > 1 ? ` ± ${shown(table, p.sd)} (${p.values.length} seeds)` : ''}
                  {p.values.length < p.runs ? ` (${p.runs - p.values.length} of ${p.runs} runs without a value)` : ''}
                </td>
                {seeds ? <td>{p.values.length > 0 ? `${shown(table, p.min)} … ${shown(table, p.max)}` : '—'}</td> : null}
                {sweep ? <td>{p.theory === null ? '—' : p.theory.toFixed(3)}</td> : null}
                {sweep ? <td>{p.tail === null ? '—' : p.tail.toFixed(3)}</td> : null}
              </tr>
            )),
          )}
        </tbody>
      </table>
      {table.missing.length > 0 ? (
        <p className="muted small" data-testid="study-missing">
          Without a value: {missing.shown.map((m) => `run #${seq.get(m.id) ?? '?'} (${m.why})`).join('; ')}
          {missing.more > 0 ? `; and ${missing.more} more` : ''}.
        </p>
      ) : null}
    </>
  );
}
