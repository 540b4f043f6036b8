import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { muteRuleName } from '../../core/catalog/naming';
import {
  alarmsMutedBy,
  atExpression,
  chunkAlarms,
  isoDuration,
  type MutableAlarm,
} from '../../core/paging/mute-rules';
import type { Severity } from '../../core/severity/severities';

export interface MaintenanceWindow {
  /** Lowercase name, part of the rule name. */
  readonly name: string;
  /** `cron(Minutes Hours Day-of-month Month Day-of-week)`. */
  readonly cron: string;
  readonly durationMinutes: number;
  /** tz database name the cron is read in. */
  readonly timeZone: string;
  /** @default - no severity; at least one of severities or signals must select alarms */
  readonly severities?: readonly Severity[];
  /** @default - no signal */
  readonly signals?: readonly string[];
  /** Why the window exists, shown in the console. @default - the window's name */
  readonly reason?: string;
}

export interface DeployMute {
  readonly minutes: number;
  readonly severities: readonly Severity[];
  /** When the deploy starts (synth time of `cdk deploy`). */
  readonly startsAt: Date;
}

export interface MaintenanceMutesProps {
  readonly environment: string;
  /** The stack's alarms with their readable names. */
  readonly alarms: readonly MutableAlarm[];
  /** @default - no recurring windows */
  readonly windows?: readonly MaintenanceWindow[];
  /** @default - deploys are not muted */
  readonly deployMute?: DeployMute;
  /** The alarm resources, so a deploy mute is in place before they change. @default - none */
  readonly alarmResources?: readonly Construct[];
}

/**
 * Maintenance windows and the deploy mute as CloudWatch alarm mute rules: alarms keep evaluating,
 * only their actions (the pages) are muted. At most 100 alarms per rule, so a window over more
 * alarms becomes several rules.
 */
export class MaintenanceMutes extends Construct {
  readonly rules: cloudwatch.CfnAlarmMuteRule[] = [];

  constructor(scope: Construct, id: string, props: MaintenanceMutesProps) {
    super(scope, id);
    for (const window of props.windows ?? []) {
      const names = alarmsMutedBy(props.alarms, window);
      this.addRules(props.environment, `window-${window.name}`, names, {
        expression: window.cron,
        duration: isoDuration(window.durationMinutes),
        timezone: window.timeZone,
        description: window.reason ?? `maintenance window ${window.name}`,
      });
    }
    if (props.deployMute) {
      const names = alarmsMutedBy(props.alarms, { severities: props.deployMute.severities });
      const { expression } = atExpression(props.deployMute.startsAt);
      const rules = this.addRules(props.environment, 'deploy', names, {
        expression,
        duration: isoDuration(props.deployMute.minutes),
        timezone: 'UTC',
        description: `deploy quiet: ${props.deployMute.severities.join(', ')} muted ${props.deployMute.minutes} min from the deploy`,
      });
      // The rule is updated first; then CloudFormation changes the alarms it mutes.
      for (const alarm of props.alarmResources ?? []) {
        for (const rule of rules) alarm.node.addDependency(rule);
      }
    }
  }

  private addRules(
    environment: string,
    purpose: string,
    alarmNames: readonly string[],
    schedule: { expression: string; duration: string; timezone: string; description: string },
  ): cloudwatch.CfnAlarmMuteRule[] {
    const created = chunkAlarms(alarmNames).map((chunk, index, all) => {
      const suffix = all.length > 1 ? `-${index + 1}` : '';
      const rule = new cloudwatch.CfnAlarmMuteRule(this, `${purpose}${suffix}`, {
        name: muteRuleName(environment, `${purpose}${suffix}`),
        description: schedule.description.slice(0, 1024),
        rule: {
          schedule: {
            expression: schedule.expression,
            duration: schedule.duration,
            timezone: schedule.timezone,
          },
        },
        muteTargets: { alarmNames: chunk },
      });
      return rule;
    });
    this.rules.push(...created);
    return created;
  }
}
