/**
 * A resolved alarm as CloudFormation properties (`AWS::CloudWatch::Alarm` /
 * `AWS::CloudWatch::CompositeAlarm`), without actions. The alarms construct renders exactly this, and
 * the free-tier guard counts exactly this, so the catalog's billed alarm metrics and the template
 * can never disagree.
 */
import { alarmName } from './naming';
import type { AlarmSpec, CompositeRule, MetricAlarmSpec, MetricRef } from './types';

export interface MetricAlarmProperties {
  readonly AlarmName: string;
  readonly AlarmDescription: string;
  readonly ComparisonOperator: string;
  readonly Threshold: number;
  readonly EvaluationPeriods: number;
  readonly DatapointsToAlarm: number;
  readonly TreatMissingData: string;
  readonly ActionsEnabled: boolean;
  readonly Namespace?: string;
  readonly MetricName?: string;
  readonly Dimensions?: readonly { Name: string; Value: string }[];
  readonly Statistic?: string;
  readonly ExtendedStatistic?: string;
  readonly Period?: number;
  readonly Metrics?: readonly MetricDataQuery[];
  /** `evaluate` (CloudWatch's default when omitted) or `ignore`; percentile alarms only. */
  readonly EvaluateLowSampleCountPercentile?: string;
}

export interface MetricDataQuery {
  readonly Id: string;
  readonly Expression?: string;
  readonly Label?: string;
  readonly ReturnData: boolean;
  readonly MetricStat?: {
    readonly Metric: {
      readonly Namespace: string;
      readonly MetricName: string;
      readonly Dimensions?: readonly { Name: string; Value: string }[];
    };
    readonly Period: number;
    readonly Stat: string;
  };
}

export interface CompositeAlarmProperties {
  readonly AlarmName: string;
  readonly AlarmDescription: string;
  readonly AlarmRule: string;
  readonly ActionsEnabled: boolean;
}

const SIMPLE_STATISTICS = new Set(['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount']);
/** CloudWatch limits an alarm description to 1024 characters. */
export const MAX_DESCRIPTION = 1024;

export function metricAlarmProperties(environment: string, spec: MetricAlarmSpec): MetricAlarmProperties {
  const common = {
    AlarmName: alarmName(environment, spec.severity, spec.id),
    AlarmDescription: alarmDescription(spec),
    ComparisonOperator: spec.comparison,
    Threshold: spec.threshold,
    EvaluationPeriods: spec.evaluationPeriods,
    DatapointsToAlarm: spec.datapointsToAlarm,
    TreatMissingData: spec.missingData,
    ActionsEnabled: spec.actionsEnabled,
  };
  const query = spec.query;
  if (query.kind === 'metric') {
    const m = query.metric;
    const statistic = SIMPLE_STATISTICS.has(m.statistic)
      ? { Statistic: m.statistic }
      : { ExtendedStatistic: m.statistic };
    return {
      ...common,
      Namespace: m.namespace,
      MetricName: m.metricName,
      ...dimensionsOf(m),
      ...statistic,
      Period: m.periodSeconds,
    };
  }
  const inputs: MetricDataQuery[] = Object.entries(query.metrics).map(([id, m]) => ({
    Id: id,
    ReturnData: false,
    MetricStat: {
      Metric: { Namespace: m.namespace, MetricName: m.metricName, ...dimensionsOf(m) },
      Period: m.periodSeconds,
      Stat: m.statistic,
    },
  }));
  return {
    ...common,
    Metrics: [{ Id: 'expr', Expression: query.expression, Label: query.label, ReturnData: true }, ...inputs],
  };
}

export function compositeAlarmProperties(
  environment: string,
  spec: Extract<AlarmSpec, { kind: 'composite-alarm' }>,
  severityOf: (signalId: string) => MetricAlarmSpec['severity'],
): CompositeAlarmProperties {
  const render = (rule: CompositeRule): string =>
    'alarm' in rule
      ? `ALARM("${alarmName(environment, severityOf(rule.alarm), rule.alarm)}")`
      : `(${rule.of.map(render).join(` ${rule.op} `)})`;
  return {
    AlarmName: alarmName(environment, spec.severity, spec.id),
    AlarmDescription: describe(
      spec.severity,
      spec.title,
      spec.runbook,
      spec.seed,
      'all parts of the rule below',
    ),
    AlarmRule: render(spec.rule),
    ActionsEnabled: true,
  };
}

/** Severity, what breached, the runbook and the seed: a raw e-mail of the alarm is still useful. */
export function alarmDescription(spec: MetricAlarmSpec): string {
  const window = `${spec.datapointsToAlarm} of ${spec.evaluationPeriods} x ${formatPeriod(periodOf(spec))}`;
  const condition = `${COMPARISON_SYMBOL[spec.comparison]} ${formatValue(spec.threshold, spec.unit)} for ${window}`;
  return describe(spec.severity, spec.title, spec.runbook, spec.seed, condition);
}

function describe(
  severity: string,
  title: string,
  runbook: readonly string[],
  seed: string,
  condition: string,
): string {
  const head = `[${severity}] ${title}. Fires when ${condition}.`;
  const steps = runbook.map((step, i) => `${i + 1}) ${step}`).join(' ');
  const text = `${head} First steps: ${steps} Seed: ${seed}.`;
  return text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 1)}…`;
}

export const COMPARISON_SYMBOL: Record<MetricAlarmSpec['comparison'], string> = {
  GreaterThanOrEqualToThreshold: '>=',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

export function periodOf(spec: MetricAlarmSpec): number {
  return spec.query.kind === 'metric' ? spec.query.metric.periodSeconds : spec.query.periodSeconds;
}

export function formatPeriod(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

export function formatValue(value: number, unit: MetricAlarmSpec['unit']): string {
  switch (unit) {
    case '%':
      return `${value}%`;
    case 'ms':
      return `${value} ms`;
    default:
      return `${value}`;
  }
}

function dimensionsOf(m: MetricRef) {
  const entries = Object.entries(m.dimensions);
  return entries.length === 0 ? {} : { Dimensions: entries.map(([Name, Value]) => ({ Name, Value })) };
}
