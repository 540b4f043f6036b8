/**
 * How a recovery execution ends, and who tells people. The workflow pages on every path it can see
 * (its Fail states' errors start with REPORTED_FAILURE_PREFIX); the execution watch (an EventBridge
 * rule on the execution's status) pages every other failed, timed-out or aborted execution, so a
 * failure is paged exactly once.
 */
export const REPORTED_FAILURE_PREFIX = 'Reported.';

/** The Fail states' errors: each was paged (P0) or told (P1, a person's denial) before it ended. */
export const REPORTED_FAILURES = {
  needsFix: `${REPORTED_FAILURE_PREFIX}NeedsFix`,
  noBackups: `${REPORTED_FAILURE_PREFIX}NoBackups`,
  restoreTimedOut: `${REPORTED_FAILURE_PREFIX}RestoreTimedOut`,
  approvalTimedOut: `${REPORTED_FAILURE_PREFIX}ApprovalTimedOut`,
  denied: `${REPORTED_FAILURE_PREFIX}Denied`,
  failed: `${REPORTED_FAILURE_PREFIX}RecoveryFailed`,
} as const;

/** The one failure the workflow could not page (the page itself failed): the watch pages it. */
export const UNREPORTED_FAILURE = 'RecoveryFailed.PageNotSent';

/** Execution statuses the watch pages (Step Functions "Execution Status Change" events). */
export const WATCHED_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/** Whether the execution watch pages an execution that ended with this status and error. */
export function watchPages(status: string, error: string | undefined): boolean {
  if (!(WATCHED_STATUSES as readonly string[]).includes(status)) return false;
  return status !== 'FAILED' || !(error ?? '').startsWith(REPORTED_FAILURE_PREFIX);
}
