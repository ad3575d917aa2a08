import { DIGEST_TOLERANCE } from '../../core/lesson';
import { useRun } from '../app-context';
import { useLesson } from './use-lesson';

const sci = (x: number): string => (Number.isFinite(x) ? x.toExponential(2) : '∞');

/** Whether the finished run reproduced the link's digest, with the largest relative difference. */
export function DigestVerdict() {
  const digest = useLesson((s) => s.lesson.digest);
  const check = useLesson((s) => s.check);
  const lanes = useRun((s) => s.lanes);
  if (digest === null) return null;
  if (check === null) {
    return (
      <p className="notice info lesson-digest" data-testid="digest-pending">
        This link carries the numbers of a finished run on {digest.backend}: run it to the end to check that they reproduce.
      </p>
    );
  }
  const worst = check.worstLane === null ? '' : ` (${lanes[check.worstLane]?.label ?? `lane ${check.worstLane + 1}`})`;
  return (
    <div className={`notice ${check.verdict === 'reproduced' ? 'ok' : 'warning'} lesson-digest`} data-testid="digest-verdict" role="status">
      <p className="notice-body">
        <strong data-testid="digest-result">{check.verdict === 'reproduced' ? 'Reproduced' : 'Differs'}</strong>
        {': '}largest relative difference of the final evaluation MSE{' '}
        <span data-testid="digest-max-diff">{sci(check.maxRelDiff)}</span>
        {worst} (tolerance {DIGEST_TOLERANCE.toExponential(0)}).
        {check.laneCounts !== null && ` The run has ${check.laneCounts.run} models, the link's numbers ${check.laneCounts.digest}.`}
        {check.backendDiffers && (
          <span data-testid="digest-backend-note">
            {' '}
            The link’s numbers came from the {digest.backend} backend; this run used another, whose arithmetic may differ slightly.
          </span>
        )}
        {check.configDiffers && <span data-testid="digest-config-note"> The settings were changed from the ones the numbers came from.</span>}
      </p>
    </div>
  );
}
