import type { ImportReport } from '../../state/app-state';
import { clipText } from '../../core/config';
import { listed, noticeText } from '../format';
import { useHistory } from './use-history';

interface Props {
  readonly report: ImportReport;
  readonly onDismiss: () => void;
}

/** The one notice of an import of several files: how many were kept, and each refused file with why. */
export function ImportReportNotice({ report, onDismiss }: Props) {
  const bad = report.refused.length;
  if (bad === 0) return null;
  const kept = report.imported.length;
  const { shown, more } = listed(report.refused);
  return (
    <div className="notice error" role="alert" data-testid="import-error">
      <p className="notice-body">
        {kept === 0
          ? `Could not open any of the ${report.files} files; nothing was changed:`
          : `Could not open ${bad} of the ${report.files} files; the other ${kept} were kept, and nothing kept before was changed:`}
      </p>
      <ul data-testid="import-refused">
        {shown.map((f, i) => (
          <li key={i}>{noticeText(`“${clipText(f.name, 80)}”: ${f.why}`)}</li>
        ))}
        {more > 0 ? <li>and {more} more</li> : null}
      </ul>
      <button type="button" className="dismiss" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** How far a batch import has read (its own component: the panel does not re-render per update). */
export function ImportProgress() {
  const importing = useHistory((s) => s.importing);
  if (!importing) return null;
  return (
    <p className="muted small" role="status" data-testid="import-progress">
      Reading lab notebooks: {importing.done} of {importing.total}…
    </p>
  );
}
