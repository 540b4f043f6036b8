/**
 * One outage, one restore. Every trigger (RDS events, the database-down alarm, the CLI; duplicates,
 * redeliveries, both sides of an hour) asks `claimExecution` with the state machine's recent
 * executions, and all of them compute the same next name `<instance>-recovery-<n>`. Step Functions
 * makes the name the atomic claim: "Execution names must be unique within the state machine for 90
 * days ... If StartExecution is called with the same name and input as a running execution, the call
 * succeeds and returns the same response as the original request. If the execution is closed or if
 * the input is different, it returns a 400 ExecutionAlreadyExists error" (StartExecution, Step
 * Functions API Reference). So of any number of concurrent triggers exactly one starts an execution,
 * even when their listings are stale: a stale listing only ever yields the same `n`.
 * Pure: the trigger lists, this decides.
 */
import type { Incident } from './incident';

export type ExecutionStatus =
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'TIMED_OUT'
  | 'ABORTED'
  | 'PENDING_REDRIVE';

export interface ExecutionSummary {
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: string;
  readonly stopDate?: string;
}

/**
 * After a recovery that ended without restoring (it paged), automatic triggers wait for a person this
 * long: a second automatic restore on top of a half-understood first one makes an outage worse.
 */
export const HOLD_AFTER_FAILED_RECOVERY_HOURS = 12;

export type Claim =
  | { readonly start: true; readonly executionName: string }
  | { readonly start: false; readonly executionName: string; readonly reason: string };

const recoveryName = (instance: string, n: number) => `${instance}-recovery-${n}`;

/** The sequence number of a recovery execution of this instance, or undefined for other names. */
export function recoveryNumber(instance: string, name: string): number | undefined {
  const m = /^(.+)-recovery-(\d+)$/.exec(name);
  return m && m[1] === instance ? Number(m[2]) : undefined;
}

/**
 * Dry runs (`mode: plan`) never mutate, so each gets its own name per second. A recovery claims the
 * next number unless one is running or, for automatic triggers, the failure happened before the last
 * recovery ended (a redelivery or a late signal of the same outage) or the last one failed recently.
 */
export function claimExecution(
  incident: Incident,
  executions: readonly ExecutionSummary[],
  now: Date,
): Claim {
  if (incident.mode === 'plan') {
    const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15);
    return { start: true, executionName: `plan-${incident.instance}-${stamp}` };
  }
  const ours = executions
    .map((e) => ({ ...e, n: recoveryNumber(incident.instance, e.name) }))
    .filter((e): e is ExecutionSummary & { n: number } => e.n !== undefined)
    .sort((a, b) => b.n - a.n);
  const last = ours[0];
  const next = recoveryName(incident.instance, (last?.n ?? 0) + 1);
  if (!last) return { start: true, executionName: next };
  const running = ours.find((e) => e.status === 'RUNNING' || e.status === 'PENDING_REDRIVE');
  if (running) {
    return {
      start: false,
      executionName: running.name,
      reason: `recovery ${running.name} of ${incident.instance} is running (started ${running.startDate})`,
    };
  }
  // A person's start (the CLI) is a decision: only a running recovery stops it.
  if (incident.signal === 'manual') return { start: true, executionName: next };
  const stoppedAt = Date.parse(last.stopDate ?? last.startDate);
  if (Date.parse(incident.failureTime) <= stoppedAt) {
    return {
      start: false,
      executionName: last.name,
      reason: `the failure at ${incident.failureTime} belongs to recovery ${last.name}, which ended ${last.status} at ${last.stopDate ?? last.startDate}`,
    };
  }
  const held = now.getTime() - stoppedAt < HOLD_AFTER_FAILED_RECOVERY_HOURS * 3600_000;
  if (last.status !== 'SUCCEEDED' && held) {
    return {
      start: false,
      executionName: last.name,
      reason: `recovery ${last.name} ended ${last.status} at ${last.stopDate ?? last.startDate} and paged; for ${HOLD_AFTER_FAILED_RECOVERY_HOURS} h only a person starts another (npm run ops -- recovery start)`,
    };
  }
  return { start: true, executionName: next };
}
