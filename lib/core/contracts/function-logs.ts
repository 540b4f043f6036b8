/**
 * How much ops-stack's own functions log, for pricing CloudWatch Logs ingestion: bytes one
 * invocation writes (Lambda's own lines plus the function's), and how often the functions that no
 * schedule starts run. Scheduled invocations come from the templates' schedules, not from here.
 */

/**
 * Lambda writes three lines of its own per invocation (text log format): START, END and REPORT.
 * Their size is measured on this sample of the documented format, with a cold start's Init Duration.
 */
const PLATFORM_SAMPLE = [
  'START RequestId: 6f0c2a4e-1b5d-4c6e-9f7a-3d2b1c0e9f8a Version: $LATEST',
  'END RequestId: 6f0c2a4e-1b5d-4c6e-9f7a-3d2b1c0e9f8a',
  'REPORT RequestId: 6f0c2a4e-1b5d-4c6e-9f7a-3d2b1c0e9f8a\tDuration: 1234.56 ms\tBilled Duration: 1235 ms\tMemory Size: 256 MB\tMax Memory Used: 98 MB\tInit Duration: 456.78 ms\t',
];
export const LAMBDA_PLATFORM_BYTES = PLATFORM_SAMPLE.reduce((sum, line) => sum + line.length + 1, 0);

/**
 * Bytes each function logs per invocation beyond Lambda's lines. test/lambdas/log-volume.test.ts
 * runs the probe (EMF line and summary: 460 bytes up, 549 down) and the weekly cost report (173) at
 * INFO and fails when an invocation logs more; the others are upper bounds of a few JSON logger
 * lines, not measured, and run rarely.
 */
export const FUNCTION_LOG_BYTES = {
  'health-probe': 600,
  'cost-report': 300,
  notifier: 1500,
  'db-recovery': 1500,
  'recovery-trigger': 1000,
} as const satisfies Record<string, number>;
export type OpsFunctionName = keyof typeof FUNCTION_LOG_BYTES;

/**
 * Alarm state changes a month per alarm the stack creates, for what alarms make other things do
 * (notifier runs, cost report wake-ups on P2/P3, SNS deliveries): an assumption, two incidents a
 * month (ALARM and back to OK each).
 */
export const ASSUMED_STATE_CHANGES_PER_ALARM = 4;

export interface EventInvocationInputs {
  /** Alarms publishing to the topics the notifier reads, and to P2/P3 (the cost report's topics). */
  readonly alarmsToNotifier: number;
  readonly alarmsToCostTopics: number;
  /** Budget notifications and anomaly alerts a month. */
  readonly costNotices: number;
  readonly recoveryRunsPerMonth: number;
  readonly recoveryTransitionsPerRun: number;
}

/** Invocations a month that no schedule starts, per function. */
export function eventInvocationsPerMonth(i: EventInvocationInputs): Record<OpsFunctionName, number> {
  return {
    'health-probe': 0,
    // Every P2/P3 message wakes it, alarms included (it ignores those without a call).
    'cost-report': i.costNotices + i.alarmsToCostTopics * ASSUMED_STATE_CHANGES_PER_ALARM,
    notifier: i.alarmsToNotifier * ASSUMED_STATE_CHANGES_PER_ALARM,
    // At most one task per transition of a run.
    'db-recovery': i.recoveryRunsPerMonth * i.recoveryTransitionsPerRun,
    'recovery-trigger': i.recoveryRunsPerMonth,
  };
}
