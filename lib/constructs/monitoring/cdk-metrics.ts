/** Turns catalog metric data into CDK metric objects for dashboards. */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { AlarmQuery, MetricRef } from '../../core/catalog/types';

export function toMetric(ref: MetricRef, label?: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: ref.namespace,
    metricName: ref.metricName,
    dimensionsMap: { ...ref.dimensions },
    statistic: ref.statistic,
    period: Duration.seconds(ref.periodSeconds),
    ...(ref.region ? { region: ref.region } : {}),
    ...(label ? { label } : {}),
  });
}

export function toQueryMetric(query: AlarmQuery, label: string): cloudwatch.IMetric {
  if (query.kind === 'metric') return toMetric(query.metric, label);
  return new cloudwatch.MathExpression({
    expression: query.expression,
    label,
    period: Duration.seconds(query.periodSeconds),
    usingMetrics: Object.fromEntries(Object.entries(query.metrics).map(([id, m]) => [id, toMetric(m)])),
  });
}
