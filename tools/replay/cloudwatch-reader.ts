/**
 * Reads a backtest plan's metrics from CloudWatch with GetMetricData (clients injected; the CLI
 * passes ones on the default credential chain) and returns them as an export. Follows NextToken
 * until each planned call is complete, keeps partial data as it is (missing periods stay null),
 * and lists the metrics CloudWatch had no datapoint for.
 */
import {
  type CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandOutput,
} from '@aws-sdk/client-cloudwatch';
import { type BacktestExport, EXPORT_FORMAT } from '../../lib/core/replay/backtest/export-format';
import type { BacktestMetric, PlannedCall, RequestPlan } from '../../lib/core/replay/backtest/plan';

/** CloudWatch answered, but not with data: named so the CLI's one-line error says so. */
export class CloudWatchReadError extends Error {
  override readonly name = 'CloudWatchReadError';
}

/** A planned call answers in a bounded number of pages; more means a loop, not data. */
const MAX_PAGES_PER_CALL = 100;

export interface ReadResult {
  readonly data: BacktestExport;
  /** GetMetricData requests actually sent (pages included). */
  readonly requests: number;
  /** CloudWatch's messages (e.g. partial data), one line each. */
  readonly messages: readonly string[];
}

export async function readFromCloudWatch(
  plan: RequestPlan,
  region: string,
  clientFor: (region: string) => CloudWatchClient,
): Promise<ReadResult> {
  const periodMs = plan.periodSeconds * 1000;
  const slots = Math.round((plan.end.getTime() - plan.start.getTime()) / periodMs);
  const byKey = new Map(plan.metrics.map((m) => [m.key, m]));
  const columns = new Map<string, Map<string, (number | null)[]>>();
  for (const m of plan.metrics) {
    columns.set(m.key, new Map(m.statistics.map((s) => [s, new Array<number | null>(slots).fill(null)])));
  }
  const clients = new Map<string, CloudWatchClient>();
  const client = (r: string) => {
    const existing = clients.get(r) ?? clientFor(r);
    clients.set(r, existing);
    return existing;
  };
  let requests = 0;
  const messages: string[] = [];
  for (const call of plan.calls) {
    const ids = new Map(call.queries.map((q) => [q.id, q]));
    let nextToken: string | undefined;
    let pages = 0;
    do {
      if (++pages > MAX_PAGES_PER_CALL) {
        throw new CloudWatchReadError(
          `GetMetricData kept returning NextToken after ${MAX_PAGES_PER_CALL} pages`,
        );
      }
      const response: GetMetricDataCommandOutput = await client(call.region).send(
        new GetMetricDataCommand({
          MetricDataQueries: queriesOf(call, byKey, plan.periodSeconds),
          StartTime: call.start,
          EndTime: call.end,
          ScanBy: 'TimestampAscending',
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      );
      requests++;
      for (const m of response.Messages ?? []) messages.push(`${m.Code ?? 'message'}: ${m.Value ?? ''}`);
      for (const result of response.MetricDataResults ?? []) {
        const query = result.Id ? ids.get(result.Id) : undefined;
        if (!query)
          throw new CloudWatchReadError(`GetMetricData returned a result for unknown query id ${result.Id}`);
        if (result.StatusCode === 'Forbidden' || result.StatusCode === 'InternalError') {
          const why = (result.Messages ?? []).map((x) => x.Value).join('; ');
          throw new CloudWatchReadError(
            `GetMetricData ${result.StatusCode} for ${query.metricKey} ${query.statistic}${why ? `: ${why}` : ''}`,
          );
        }
        const column = columns.get(query.metricKey)?.get(query.statistic);
        const timestamps = result.Timestamps ?? [];
        const values = result.Values ?? [];
        timestamps.forEach((ts, i) => {
          const slot = (ts.getTime() - plan.start.getTime()) / periodMs;
          const value = values[i];
          if (column && Number.isInteger(slot) && slot >= 0 && slot < slots && value !== undefined) {
            column[slot] = value;
          }
        });
      }
      nextToken = response.NextToken;
    } while (nextToken);
  }

  const missing: string[] = [];
  const metrics: BacktestExport['metrics'] = [];
  for (const m of plan.metrics) {
    const stats = columns.get(m.key) as Map<string, (number | null)[]>;
    if (![...stats.values()].some((col) => col.some((v) => v !== null))) {
      missing.push(m.key);
      continue;
    }
    metrics.push({
      namespace: m.namespace,
      metricName: m.metricName,
      dimensions: { ...m.dimensions },
      ...(m.region ? { region: m.region } : {}),
      statistics: Object.fromEntries(stats),
    });
  }
  return {
    data: {
      format: EXPORT_FORMAT,
      version: 1,
      environment: plan.environment,
      region,
      source: 'cloudwatch',
      start: plan.start.toISOString(),
      end: plan.end.toISOString(),
      periodSeconds: plan.periodSeconds as BacktestExport['periodSeconds'],
      metrics,
      missing,
    },
    requests,
    messages,
  };
}

function queriesOf(call: PlannedCall, byKey: ReadonlyMap<string, BacktestMetric>, periodSeconds: number) {
  return call.queries.map((q) => {
    const metric = byKey.get(q.metricKey) as BacktestMetric;
    return {
      Id: q.id,
      ReturnData: true,
      MetricStat: {
        Metric: {
          Namespace: metric.namespace,
          MetricName: metric.metricName,
          Dimensions: Object.entries(metric.dimensions).map(([Name, Value]) => ({ Name, Value })),
        },
        Period: periodSeconds,
        Stat: q.statistic,
      },
    };
  });
}
