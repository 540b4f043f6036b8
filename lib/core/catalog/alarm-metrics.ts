/**
 * How many alarm metrics CloudWatch bills for one alarm resource, read from its CloudFormation
 * properties. Used by the synth-time guard, by the catalog's free-tier selection and by the cost
 * report function, so all three count the same way. Pure: no aws-cdk-lib.
 *
 * Billing rules (CloudWatch pricing): each metric in an alarm is one alarm metric (metric math:
 * each MetricStat; expressions are free); a period under 60 s is high resolution and has no free
 * tier; an anomaly detection alarm counts 3 per metric; a composite alarm is billed per alarm.
 */
export interface AlarmMetricCount {
  /** Standard-resolution alarm metrics (the 10 free ones). */
  readonly standard: number;
  readonly highResolution: number;
  /** Of the metrics above, those billed x3 as anomaly detection are already multiplied. */
  readonly anomalyDetectionAlarms: number;
  readonly composite: number;
}

export const NO_ALARM_METRICS: AlarmMetricCount = {
  standard: 0,
  highResolution: 0,
  anomalyDetectionAlarms: 0,
  composite: 0,
};

interface MetricDataQueryLike {
  readonly Expression?: unknown;
  readonly MetricStat?: { readonly Period?: unknown };
  readonly Period?: unknown;
}

/** The resource types CloudWatch bills as alarms. */
export function isAlarmResource(resourceType: string): boolean {
  return resourceType === 'AWS::CloudWatch::Alarm' || resourceType === 'AWS::CloudWatch::CompositeAlarm';
}

export function countAlarmMetrics(
  resourceType: string,
  properties: Record<string, unknown>,
): AlarmMetricCount {
  if (resourceType === 'AWS::CloudWatch::CompositeAlarm') return { ...NO_ALARM_METRICS, composite: 1 };
  if (resourceType !== 'AWS::CloudWatch::Alarm') return NO_ALARM_METRICS;

  const queries = Array.isArray(properties.Metrics)
    ? (properties.Metrics as MetricDataQueryLike[])
    : undefined;
  if (!queries) {
    const highRes = numberOr(properties.Period, 60) < 60;
    return { ...NO_ALARM_METRICS, standard: highRes ? 0 : 1, highResolution: highRes ? 1 : 0 };
  }
  const anomaly = queries.some(
    (q) => typeof q.Expression === 'string' && q.Expression.toUpperCase().includes('ANOMALY_DETECTION_BAND'),
  );
  const multiplier = anomaly ? 3 : 1;
  let standard = 0;
  let highResolution = 0;
  for (const q of queries) {
    if (q.MetricStat) {
      const period = numberOr(q.MetricStat.Period, 60);
      if (period < 60) highResolution += multiplier;
      else standard += multiplier;
    } else if (typeof q.Expression === 'string' && /^\s*SELECT\s/i.test(q.Expression)) {
      // A Metrics Insights query alarm is billed per metric it reads; count at least one.
      if (numberOr(q.Period, 60) < 60) highResolution += 1;
      else standard += 1;
    }
  }
  return { standard, highResolution, anomalyDetectionAlarms: anomaly ? 1 : 0, composite: 0 };
}

export function addCounts(a: AlarmMetricCount, b: AlarmMetricCount): AlarmMetricCount {
  return {
    standard: a.standard + b.standard,
    highResolution: a.highResolution + b.highResolution,
    anomalyDetectionAlarms: a.anomalyDetectionAlarms + b.anomalyDetectionAlarms,
    composite: a.composite + b.composite,
  };
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
