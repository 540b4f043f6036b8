/** Dashboard widgets that show catalog signals with their thresholds. */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { COMPARISON_SYMBOL, formatValue } from '../../core/catalog/alarm-properties';
import type { AlarmQuery, MetricAlarmSpec } from '../../core/catalog/types';
import { toQueryMetric } from './cdk-metrics';

export const WIDGET_WIDTH = 8;
export const WIDGET_HEIGHT = 6;

const SEVERITY_COLOR: Record<MetricAlarmSpec['severity'], string> = {
  P0: '#d62728',
  P1: '#ff7f0e',
  P2: '#bcbd22',
  P3: '#1f77b4',
};

/** A graph of the signal's query with its threshold line; the title says whether it pages. */
export function signalWidget(spec: MetricAlarmSpec, alarmed: boolean): cloudwatch.GraphWidget {
  const below = spec.comparison.startsWith('Less');
  return new cloudwatch.GraphWidget({
    title: `${alarmed ? `[${spec.severity}]` : '[dashboard only]'} ${spec.title}`,
    width: WIDGET_WIDTH,
    height: WIDGET_HEIGHT,
    left: [toQueryMetric(spec.query, spec.title)],
    leftAnnotations: [
      {
        value: spec.threshold,
        label: `${COMPARISON_SYMBOL[spec.comparison]} ${formatValue(spec.threshold, spec.unit)} (${spec.severity})`,
        color: SEVERITY_COLOR[spec.severity],
        fill: below ? cloudwatch.Shading.BELOW : cloudwatch.Shading.ABOVE,
      },
    ],
    legendPosition: cloudwatch.LegendPosition.HIDDEN,
  });
}

/**
 * Gives a math query's inputs distinct ids, so several windows of the same metric can share one
 * graph (a graph rejects one id bound to two different metrics).
 */
export function withIdSuffix(query: AlarmQuery, suffix: string): AlarmQuery {
  if (query.kind === 'metric') return query;
  let expression = query.expression;
  for (const id of Object.keys(query.metrics)) {
    expression = expression.replace(new RegExp(`\\b${id}\\b`, 'g'), `${id}${suffix}`);
  }
  return {
    ...query,
    expression,
    metrics: Object.fromEntries(Object.entries(query.metrics).map(([id, m]) => [`${id}${suffix}`, m])),
  };
}

/** Wraps a math (or single-metric) query in an outer expression, `{}` standing for the query. */
export function wrapQuery(
  query: AlarmQuery,
  template: string,
  label: string,
  periodSeconds?: number,
): AlarmQuery {
  if (query.kind === 'metric') {
    return {
      kind: 'math',
      expression: template.replace('{}', 'value'),
      label,
      periodSeconds: periodSeconds ?? query.metric.periodSeconds,
      metrics: { value: query.metric },
    };
  }
  return {
    ...query,
    expression: template.replace('{}', `(${query.expression})`),
    label,
    periodSeconds: periodSeconds ?? query.periodSeconds,
  };
}
