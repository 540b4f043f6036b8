/**
 * Flapping from the alarm's own state history (CloudWatch keeps it 30 days; DescribeAlarmHistory is
 * inside the free 1M API requests). No store of ours to run, pay for or lose.
 */
import type { FlappingPolicy } from '../../lib/core/contracts/notifier';
export interface StateChange {
  readonly at: number;
  readonly newState: string;
}

export interface FlappingVerdict {
  /** State changes inside the window, this one included. */
  readonly changes: number;
  readonly flapping: boolean;
  /** True for the change that crossed the limit: post it once, with the count. */
  readonly announce: boolean;
  /** Post nothing: an earlier change already announced the flapping. */
  readonly suppress: boolean;
}

export function judgeFlapping(
  history: readonly StateChange[],
  now: number,
  policy: FlappingPolicy,
): FlappingVerdict {
  const since = now - policy.windowMinutes * 60_000;
  const changes = history.filter((h) => h.at >= since && h.at <= now).length;
  const flapping = changes > policy.changes;
  const announce = changes === policy.changes + 1;
  return { changes, flapping, announce, suppress: flapping && !announce };
}

/** Minutes the alarm spent in ALARM before the OK change at `okAt`, from its history. */
export function minutesInAlarm(history: readonly StateChange[], okAt: number): number | undefined {
  const entered = history
    .filter((h) => h.newState === 'ALARM' && h.at < okAt)
    .reduce<number | undefined>(
      (latest, h) => (latest === undefined || h.at > latest ? h.at : latest),
      undefined,
    );
  return entered === undefined ? undefined : Math.round((okAt - entered) / 60_000);
}
