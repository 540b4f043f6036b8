import { type CfnResource, Tags } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { compositeAlarmProperties, metricAlarmProperties } from '../../core/catalog/alarm-properties';
import type { AlarmSpec, MetricAlarmSpec } from '../../core/catalog/types';
import type { MutableAlarm } from '../../core/paging/mute-rules';
import { alarmTags } from '../../core/paging/tags';
import type { Severity } from '../../core/severity/severities';

export interface CatalogAlarmsProps {
  readonly environment: string;
  /** Resolved, selected alarms (see `resolveCatalog`). */
  readonly alarms: readonly AlarmSpec[];
  /** Alarm and OK actions go straight to the topic of the alarm's severity: no function in between. */
  readonly topicOf: (severity: Severity) => sns.ITopic;
}

/**
 * Renders the catalog's alarms. The CloudFormation properties come from the pure
 * `metricAlarmProperties`, which the free-tier guard also counts, so this construct only adds
 * actions and dependencies.
 */
export class CatalogAlarms extends Construct {
  /** Alarm by signal id, for dashboards and triggers. */
  readonly alarms: ReadonlyMap<string, cloudwatch.IAlarm>;
  /** Every alarm by readable name, signal and severity, for mute rules. */
  readonly mutable: readonly MutableAlarm[];
  /** The alarm resources, for dependencies. */
  readonly resources: readonly CfnResource[];

  constructor(scope: Construct, id: string, props: CatalogAlarmsProps) {
    super(scope, id);
    const metricSpecs = new Map(
      props.alarms.filter((a): a is MetricAlarmSpec => a.kind === 'metric-alarm').map((a) => [a.id, a]),
    );
    const alarms = new Map<string, cloudwatch.IAlarm>();
    const resources = new Map<string, cloudwatch.CfnAlarm>();
    const mutable: MutableAlarm[] = [];
    const all: CfnResource[] = [];
    for (const spec of props.alarms) {
      const topicArn = props.topicOf(spec.severity).topicArn;
      const actions = { AlarmActions: [topicArn], OKActions: [topicArn] };
      if (spec.kind === 'metric-alarm') {
        const p = metricAlarmProperties(props.environment, spec);
        const alarm = new cloudwatch.CfnAlarm(this, spec.id, {
          alarmName: p.AlarmName,
          alarmDescription: p.AlarmDescription,
          comparisonOperator: p.ComparisonOperator,
          threshold: p.Threshold,
          evaluationPeriods: p.EvaluationPeriods,
          datapointsToAlarm: p.DatapointsToAlarm,
          treatMissingData: p.TreatMissingData,
          actionsEnabled: p.ActionsEnabled,
          namespace: p.Namespace,
          metricName: p.MetricName,
          dimensions: p.Dimensions?.map((d) => ({ name: d.Name, value: d.Value })),
          statistic: p.Statistic,
          extendedStatistic: p.ExtendedStatistic,
          period: p.Period,
          metrics: p.Metrics?.map((q) => ({
            id: q.Id,
            expression: q.Expression,
            label: q.Label,
            returnData: q.ReturnData,
            metricStat: q.MetricStat && {
              metric: {
                namespace: q.MetricStat.Metric.Namespace,
                metricName: q.MetricStat.Metric.MetricName,
                dimensions: q.MetricStat.Metric.Dimensions?.map((d) => ({ name: d.Name, value: d.Value })),
              },
              period: q.MetricStat.Period,
              stat: q.MetricStat.Stat,
            },
          })),
          ...(spec.actionsEnabled
            ? { alarmActions: actions.AlarmActions, okActions: actions.OKActions }
            : {}),
        });
        resources.set(spec.id, alarm);
        this.tag(alarm, spec, p.AlarmName, mutable, all);
        alarms.set(spec.id, cloudwatch.Alarm.fromAlarmArn(this, `${spec.id}Ref`, alarm.attrArn));
      } else {
        const severityOf = (signalId: string) => {
          const part = metricSpecs.get(signalId);
          if (!part)
            throw new Error(`composite ${spec.id} refers to ${signalId}, which is not an alarm here`);
          return part.severity;
        };
        const p = compositeAlarmProperties(props.environment, spec, severityOf);
        const composite = new cloudwatch.CfnCompositeAlarm(this, spec.id, {
          alarmName: p.AlarmName,
          alarmDescription: p.AlarmDescription,
          alarmRule: p.AlarmRule,
          actionsEnabled: p.ActionsEnabled,
          alarmActions: actions.AlarmActions,
          okActions: actions.OKActions,
        });
        this.tag(composite, spec, p.AlarmName, mutable, all);
        // The rule names its parts, so they must exist first.
        for (const part of resources.values()) composite.addResourceDependency(part);
        alarms.set(
          spec.id,
          cloudwatch.CompositeAlarm.fromCompositeAlarmArn(this, `${spec.id}Ref`, composite.attrArn),
        );
      }
    }
    this.alarms = alarms;
    this.mutable = mutable;
    this.resources = all;
  }

  private tag(
    resource: cloudwatch.CfnAlarm | cloudwatch.CfnCompositeAlarm,
    spec: AlarmSpec,
    name: string,
    mutable: MutableAlarm[],
    all: CfnResource[],
  ): void {
    for (const [key, value] of Object.entries(alarmTags(spec))) Tags.of(resource).add(key, value);
    mutable.push({ name, signalId: spec.id, severity: spec.severity });
    all.push(resource);
  }
}
