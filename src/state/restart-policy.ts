/**
 * When to start a fresh training worker after one failed (a crash, a fatal error, a hang), and when
 * to stop trying: failures in a row back off (RESTART_DELAYS_MS) and, after MAX_RESTARTS of them,
 * the page stops restarting and says so once. A worker that loads its experiment counts as a
 * success and clears the count, as does the user loading another experiment.
 */

/** Waits before the 1st, 2nd, … restart in a row. */
export const RESTART_DELAYS_MS: readonly number[] = [250, 1_000, 2_000, 4_000];
/** Restarts in a row before the page gives up (one more failure then stops). */
export const MAX_RESTARTS = RESTART_DELAYS_MS.length;

export class RestartPolicy {
  private failures = 0;

  /** Failures since the last success. */
  get inARow(): number {
    return this.failures;
  }

  /** Record a failure: the wait before the next restart, or null when restarting should stop. */
  failed(): number | null {
    this.failures += 1;
    return this.failures > MAX_RESTARTS ? null : (RESTART_DELAYS_MS[this.failures - 1] as number);
  }

  /** A worker loaded its experiment (or the user asked for another one): start counting afresh. */
  succeeded(): void {
    this.failures = 0;
  }
}
