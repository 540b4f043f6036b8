/**
 * Paging drill: flips one alarm per severity to ALARM and back to OK with SetAlarmState, so the team
 * sees every subscription deliver. Pure planning, injected CloudWatch client.
 */
import {
  type CloudWatchClient,
  DescribeAlarmsCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { alarmName } from '../../lib/core/catalog/naming';
import type { ResolvedCatalog } from '../../lib/core/catalog/resolve';
import { SEVERITIES, type Severity } from '../../lib/core/severity/severities';

export interface DrillStep {
  readonly severity: Severity;
  readonly alarmName?: string;
  /** Why this severity is not drilled. */
  readonly skip?: string;
}

export function planPagingDrill(catalog: ResolvedCatalog, only?: Severity): DrillStep[] {
  return SEVERITIES.filter((s) => !only || s === only).map((severity) => {
    const alarm = catalog.alarms.find(
      (a) => a.severity === severity && (a.kind === 'composite-alarm' || a.actionsEnabled),
    );
    return alarm
      ? { severity, alarmName: alarmName(catalog.environment, severity, alarm.id) }
      : { severity, skip: `no ${severity} alarm in ${catalog.environment} (${catalog.profile} profile)` };
  });
}

export interface DrillOptions {
  readonly dryRun: boolean;
  /** Seconds to hold ALARM before OK. */
  readonly holdSeconds: number;
}

export interface DrillDeps {
  readonly cloudwatch: CloudWatchClient;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: (line: string) => void;
}

export async function runPagingDrill(
  steps: readonly DrillStep[],
  options: DrillOptions,
  deps: DrillDeps,
): Promise<void> {
  const stamp = () => deps.now().toISOString();
  const names = steps.flatMap((s) => (s.alarmName ? [s.alarmName] : []));
  const states = new Map<string, string>();
  if (names.length > 0) {
    const out = await deps.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: names, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
    );
    for (const a of [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])]) {
      if (a.AlarmName) states.set(a.AlarmName, a.StateValue ?? 'unknown');
    }
  }
  for (const step of steps) {
    if (!step.alarmName) {
      deps.log(`${stamp()} ${step.severity}: skipped, ${step.skip}`);
      continue;
    }
    const state = states.get(step.alarmName);
    if (state === undefined) {
      deps.log(`${stamp()} ${step.severity}: skipped, alarm ${step.alarmName} does not exist (deployed?)`);
      continue;
    }
    if (state === 'ALARM') {
      deps.log(
        `${stamp()} ${step.severity}: skipped, ${step.alarmName} is really in ALARM; not touching a live incident`,
      );
      continue;
    }
    if (options.dryRun) {
      deps.log(
        `${stamp()} ${step.severity}: would set ${step.alarmName} to ALARM, hold ${options.holdSeconds} s, then OK`,
      );
      continue;
    }
    const reason = `ops-stack paging drill at ${stamp()}: not a real incident`;
    await deps.cloudwatch.send(
      new SetAlarmStateCommand({ AlarmName: step.alarmName, StateValue: 'ALARM', StateReason: reason }),
    );
    deps.log(`${stamp()} ${step.severity}: ${step.alarmName} set to ALARM`);
    await deps.sleep(options.holdSeconds * 1000);
    await deps.cloudwatch.send(
      new SetAlarmStateCommand({
        AlarmName: step.alarmName,
        StateValue: 'OK',
        StateReason: `${reason} (drill over)`,
      }),
    );
    deps.log(
      `${stamp()} ${step.severity}: ${step.alarmName} set back to OK (the next evaluation restores its real state)`,
    );
  }
}
