/** Small constructors for the metrics the catalog reads. One place knows each namespace's dimensions. */
import { PROBE_METRIC, PROBE_NAMESPACE } from './app-metrics';
import type { AlarmQuery, MetricRef, SignalContext } from './types';

export const MINUTE = 60;
export const HOUR = 3600;

export function apiGatewayMetric(
  ctx: SignalContext,
  metricName: string,
  statistic: string,
  periodSeconds: number,
) {
  const api = ctx.config.api;
  const dimensions: Record<string, string> =
    api.kind === 'rest' ? { ApiName: api.name, Stage: api.stage } : { ApiId: api.id, Stage: api.stage };
  // HTTP APIs name their metrics 4xx / 5xx; REST APIs 4XXError / 5XXError.
  const name = api.kind === 'http' && metricName === '5XXError' ? '5xx' : metricName;
  return metric('AWS/ApiGateway', name, dimensions, statistic, periodSeconds);
}

export function rdsMetric(ctx: SignalContext, metricName: string, statistic: string, periodSeconds: number) {
  const dimensions = { DBInstanceIdentifier: ctx.config.database.instanceIdentifier };
  return metric('AWS/RDS', metricName, dimensions, statistic, periodSeconds);
}

export function cacheMetric(
  ctx: SignalContext,
  metricName: string,
  statistic: string,
  periodSeconds: number,
) {
  return metric(
    'AWS/ElastiCache',
    metricName,
    { CacheClusterId: ctx.config.cache.clusterId },
    statistic,
    periodSeconds,
  );
}

export function appMetric(ctx: SignalContext, metricName: string, statistic: string, periodSeconds: number) {
  return metric(ctx.appNamespace, metricName, {}, statistic, periodSeconds);
}

export function probeMetric(ctx: SignalContext, periodSeconds: number) {
  return metric(PROBE_NAMESPACE, PROBE_METRIC, { Environment: ctx.config.name }, 'Maximum', periodSeconds);
}

export function single(m: MetricRef): AlarmQuery {
  return { kind: 'metric', metric: m };
}

export function math(
  expression: string,
  label: string,
  periodSeconds: number,
  metrics: Record<string, MetricRef>,
): AlarmQuery {
  return { kind: 'math', expression, label, periodSeconds, metrics };
}

/**
 * The API error ratio in percent over `periodSeconds`. A REST stage's `5XXError` Average is already
 * the ratio (one alarm metric); an HTTP API needs `5xx / Count` (two). With `minRequests > 0` the
 * ratio reads 0 while traffic is below the floor, so one failed request at night pages nobody.
 */
export function apiErrorRatioPercent(
  ctx: SignalContext,
  periodSeconds: number,
  minRequests: number,
): AlarmQuery {
  const label = 'API 5xx error ratio (%)';
  if (ctx.config.api.kind === 'rest') {
    const errorRatio = apiGatewayMetric(ctx, '5XXError', 'Average', periodSeconds);
    if (minRequests <= 0) return math('100 * errorRatio', label, periodSeconds, { errorRatio });
    const requests = apiGatewayMetric(ctx, 'Count', 'Sum', periodSeconds);
    return math(`IF(requests >= ${minRequests}, 100 * errorRatio, 0)`, label, periodSeconds, {
      errorRatio,
      requests,
    });
  }
  const errors = apiGatewayMetric(ctx, '5XXError', 'Sum', periodSeconds);
  const requests = apiGatewayMetric(ctx, 'Count', 'Sum', periodSeconds);
  const floor = Math.max(1, minRequests);
  return math(`IF(requests >= ${floor}, 100 * errors / requests, 0)`, label, periodSeconds, {
    errors,
    requests,
  });
}

function metric(
  namespace: string,
  metricName: string,
  dimensions: Record<string, string>,
  statistic: string,
  periodSeconds: number,
): MetricRef {
  return { namespace, metricName, dimensions, statistic, periodSeconds };
}
