/**
 * A recorded export served as GetMetricData answers behind aws-sdk-client-mock: pages of at most
 * `pageSize` datapoints across the call's queries with NextToken, PartialData until the last page,
 * and no datapoints for metrics the export does not have.
 */
import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  type GetMetricDataCommandOutput,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { type BacktestExport, exportMetricKey } from '../../lib/core/replay/backtest/export-format';
import { metricKey } from '../../lib/core/replay/backtest/plan';

export interface FakeCloudWatch {
  readonly mock: ReturnType<typeof mockClient>;
  readonly client: CloudWatchClient;
  readonly inputs: GetMetricDataCommandInput[];
}

export function fakeCloudWatch(
  source: BacktestExport,
  pageSize = 25_000,
  onSend?: () => void,
): FakeCloudWatch {
  const client = new CloudWatchClient({ region: source.region });
  const mock = mockClient(client);
  const inputs: GetMetricDataCommandInput[] = [];
  const byKey = new Map(source.metrics.map((m) => [exportMetricKey(m), m]));
  const startMs = Date.parse(source.start);
  mock.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput): GetMetricDataCommandOutput => {
    inputs.push(input);
    onSend?.();
    const series = (input.MetricDataQueries ?? []).map((q) => {
      const stat = q.MetricStat;
      const dims = Object.fromEntries(
        (stat?.Metric?.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? '']),
      );
      const metric = byKey.get(
        metricKey(stat?.Metric?.Namespace ?? '', stat?.Metric?.MetricName ?? '', dims),
      );
      const values = metric?.statistics[stat?.Stat ?? ''] ?? [];
      const periodMs = (stat?.Period ?? 60) * 1000;
      const from = ((input.StartTime as Date).getTime() - startMs) / periodMs;
      const to = ((input.EndTime as Date).getTime() - startMs) / periodMs;
      const points: { t: Date; v: number }[] = [];
      for (let i = Math.max(0, from); i < Math.min(values.length, to); i++) {
        const v = values[i];
        if (v !== null && v !== undefined) points.push({ t: new Date(startMs + i * periodMs), v });
      }
      return { id: q.Id as string, points };
    });
    // The page number is the token; each page serves the next `pageSize` datapoints in query order.
    const page = input.NextToken ? Number(input.NextToken.replace('page-', '')) : 0;
    let skip = page * pageSize;
    let room = pageSize;
    let remaining = false;
    const results: MetricDataResult[] = series.map(({ id, points }) => {
      const from = Math.min(points.length, skip);
      skip -= from;
      const take = points.slice(from, from + room);
      room -= take.length;
      if (from + take.length < points.length) remaining = true;
      return {
        Id: id,
        Label: id,
        Timestamps: take.map((p) => p.t),
        Values: take.map((p) => p.v),
        StatusCode: remaining ? 'PartialData' : 'Complete',
      };
    });
    return {
      MetricDataResults: results,
      ...(remaining ? { NextToken: `page-${page + 1}` } : {}),
      Messages: [],
      $metadata: {},
    };
  });
  return { mock, client, inputs };
}
