/**
 * CloudWatch embedded metric format: a JSON log line that CloudWatch turns into a metric, with no
 * SDK and no PutMetricData call. Only the names listed under `Metrics` become (billed) metrics;
 * other keys stay searchable log properties.
 */
export interface EmfMetric {
  readonly namespace: string;
  readonly name: string;
  readonly value: number;
  readonly unit: 'None' | 'Count' | 'Milliseconds' | 'Percent';
  readonly dimensions: Readonly<Record<string, string>>;
  readonly timestamp: number;
  /** Extra keys for Logs Insights; never metrics. */
  readonly properties?: Readonly<Record<string, string | number | boolean>>;
}

export function emfRecord(metric: EmfMetric): Record<string, unknown> {
  for (const key of Object.keys(metric.properties ?? {})) {
    if (key === metric.name || key in metric.dimensions || key === '_aws') {
      throw new Error(`EMF property "${key}" would clash with the metric or a dimension`);
    }
  }
  return {
    _aws: {
      Timestamp: metric.timestamp,
      CloudWatchMetrics: [
        {
          Namespace: metric.namespace,
          Dimensions: [Object.keys(metric.dimensions)],
          Metrics: [{ Name: metric.name, Unit: metric.unit }],
        },
      ],
    },
    ...metric.properties,
    ...metric.dimensions,
    [metric.name]: metric.value,
  };
}
