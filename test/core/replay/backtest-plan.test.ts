import { describe, expect, it } from 'vitest';
import { resolveCatalog } from '../../../lib/core/catalog/resolve';
import { loadEnvironments } from '../../../lib/core/environments/load';
import prices from '../../../lib/core/guard/prices.json';
import {
  type BacktestMetric,
  catalogMetrics,
  choosePeriod,
  GET_METRIC_DATA_LIMITS,
  getMetricDataCost,
  planBacktest,
  planCalls,
  RESOLUTIONS,
  STATISTICS_PER_BILLED_METRIC,
  storedStatistics,
} from '../../../lib/core/replay/backtest/plan';
import { CONFIG_DIR } from '../../helpers/synth';

const DAY = 86_400_000;
const now = new Date('2026-12-01T12:00:00Z');
const [prod] = loadEnvironments(CONFIG_DIR, 'example-prod');
if (!prod) throw new Error('example-prod missing');
const catalog = resolveCatalog(prod);

function metric(key: string, statistics: string[], region?: string): BacktestMetric {
  return {
    key,
    namespace: 'N',
    metricName: key,
    dimensions: {},
    statistics,
    usedBy: ['x'],
    ...(region ? { region } : {}),
  };
}

describe('GetMetricData limits and prices (as documented)', () => {
  it('500 queries and 100,800 datapoints per call', () => {
    // GetMetricData API reference: "A GetMetricData operation that does not include a query can
    // retrieve as many as 500 different metrics in a single request, with a total of as many as
    // 100,800 data points." (AWS re:Post "GetMetricData or GetMetricStatistics": metrics per call
    // 500, data points per call 100,800; the next set of data points comes with NextToken.)
    expect(GET_METRIC_DATA_LIMITS).toEqual({ queriesPerCall: 500, datapointsPerCall: 100_800 });
  });

  it('retention: 1-minute data 15 days, 5-minute 63 days, 1-hour 455 days', () => {
    // GetMetricData API reference, "Amazon CloudWatch retains metric data as follows": "Data
    // points with a period of 60 seconds (1-minute) are available for 15 days. Data points with a
    // period of 300 seconds (5-minute) are available for 63 days. Data points with a period of 3600
    // seconds (1 hour) are available for 455 days (15 months)."
    // MetricStat.Period: "Start time between 3 hours and 15 days ago - Use a multiple of 60 seconds
    // (1 minute). Start time between 15 and 63 days ago - Use a multiple of 300 seconds (5
    // minutes). Start time greater than 63 days ago - Use a multiple of 3600 seconds (1 hour)."
    expect(RESOLUTIONS.map((r) => [r.periodSeconds, r.retentionDays])).toEqual([
      [60, 15],
      [300, 63],
      [3600, 455],
    ]);
  });

  it('GetMetricData costs $0.01 per 1,000 metrics requested, read from prices.json', () => {
    // Amazon CloudWatch pricing: API requests "GetMetricData ... $0.01 per 1,000 metrics
    // requested"; the free tier's "1 Million API requests (not applicable to GetMetricData and
    // GetMetricWidgetImage)". Pricing note (quoted in prometheus/cloudwatch_exporter#482): "You
    // can request up to five statistics for the same metric in a single GetMetricData API request.
    // Additional statistics are billed as an additional metric."
    for (const region of Object.values(prices.regions))
      expect(region.getMetricDataPerThousandMetrics).toBe(0.01);
    expect(getMetricDataCost(1000, 'ap-northeast-2')).toBeCloseTo(0.01, 10);
    expect(getMetricDataCost(17, 'us-east-1')).toBeCloseTo(0.00017, 10);
    expect(STATISTICS_PER_BILLED_METRIC).toBe(5);
  });
});

describe('catalog metrics', () => {
  const { metrics } = catalogMetrics(catalog);
  const byName = (name: string) => metrics.find((m) => m.metricName === name);

  it('reads every metric the catalog uses, alarmed or dashboard-only, once', () => {
    const alarmed = byName('ServiceHealth');
    expect(alarmed?.usedBy).toEqual(expect.arrayContaining(['service-down', 'database-down', 'redis-down']));
    expect(catalog.dashboardOnly.map((d) => d.spec.id)).toContain('coupon-over-issue');
    expect(byName('CouponOverIssued')?.usedBy).toEqual(['coupon-over-issue']);
    expect(new Set(metrics.map((m) => m.key)).size).toBe(metrics.length);
    const everyRef = [...catalog.alarms, ...catalog.dashboardOnly.map((d) => d.spec)].flatMap((s) =>
      s.kind !== 'metric-alarm'
        ? []
        : s.query.kind === 'metric'
          ? [s.query.metric]
          : Object.values(s.query.metrics),
    );
    for (const ref of everyRef) expect(byName(ref.metricName), ref.metricName).toBeDefined();
  });

  it('stores statistics that rebuild each alarm statistic at any period', () => {
    expect(storedStatistics('Average')).toEqual(['Sum', 'SampleCount']);
    expect(storedStatistics('Maximum')).toEqual(['Maximum']);
    expect(storedStatistics('p95')).toEqual(['p95', 'SampleCount']);
    expect(storedStatistics('PR(:100)')).toEqual(['PR(:100)', 'SampleCount']);
    // CPU is read as a 1-minute and a 1-hour Average: one metric, Sum and SampleCount.
    expect(byName('CPUUtilization')?.statistics).toEqual(['Sum', 'SampleCount']);
    expect(byName('DatabaseMemoryUsagePercentage')?.statistics).toEqual(['Maximum', 'Sum', 'SampleCount']);
    expect(byName('Latency')?.statistics).toEqual(['p95', 'SampleCount']);
  });
});

describe('period from the range', () => {
  it('1-minute data while the start is under 15 days old, then 5-minute, then 1-hour', () => {
    expect(choosePeriod(new Date(now.getTime() - 7 * DAY), now).periodSeconds).toBe(60);
    expect(choosePeriod(new Date(now.getTime() - 14.9 * DAY), now).periodSeconds).toBe(60);
    expect(choosePeriod(new Date(now.getTime() - 15 * DAY), now).periodSeconds).toBe(300);
    expect(choosePeriod(new Date(now.getTime() - 62 * DAY), now).periodSeconds).toBe(300);
    expect(choosePeriod(new Date(now.getTime() - 63 * DAY), now).periodSeconds).toBe(3600);
    expect(() => choosePeriod(new Date(now.getTime() - 456 * DAY), now)).toThrow(
      /keeps metric data 455 days/,
    );
  });

  it('says why', () => {
    expect(choosePeriod(new Date(now.getTime() - 20 * DAY), now).reason).toBe(
      '5-minute data: the range starts 20.0 days ago and CloudWatch keeps 1-minute data only 15 days',
    );
    expect(choosePeriod(new Date(now.getTime() - 7 * DAY), now).reason).toMatch(
      /^1-minute data: .* within the 15 days/,
    );
  });
});

describe('request planning', () => {
  it('a week of 1-minute data: 10 queries a call (10 x 10,080 datapoints <= 100,800)', () => {
    const plan = planBacktest({ catalog, region: prod.region, end: now, days: 7, now });
    expect(plan.periodSeconds).toBe(60);
    const statistics = plan.metrics.reduce((n, m) => n + m.statistics.length, 0);
    expect(plan.calls.flatMap((c) => c.queries)).toHaveLength(statistics);
    for (const call of plan.calls) {
      const points = (call.end.getTime() - call.start.getTime()) / 60_000;
      expect(points).toBe(10_080);
      expect(call.queries.length).toBeLessThanOrEqual(10);
      expect(call.queries.length * points).toBeLessThanOrEqual(GET_METRIC_DATA_LIMITS.datapointsPerCall);
    }
    // A metric's statistics stay together, so packing may leave one call short.
    expect(plan.calls.length).toBeGreaterThanOrEqual(Math.ceil(statistics / 10));
    expect(plan.calls.length).toBeLessThanOrEqual(Math.ceil(statistics / 10) + 1);
    expect(plan.billedMetrics).toBe(plan.metrics.length);
    expect(plan.costUsd).toBeCloseTo(plan.metrics.length * 0.00001, 10);
  });

  it('two weeks: 5 queries a call', () => {
    const plan = planBacktest({ catalog, region: prod.region, end: now, days: 14, now });
    expect(plan.periodSeconds).toBe(60);
    expect(Math.max(...plan.calls.map((c) => c.queries.length))).toBe(5);
  });

  it('aligns the range to whole periods', () => {
    const plan = planBacktest({
      catalog,
      region: prod.region,
      end: new Date('2026-11-30T10:07:31Z'),
      days: 20,
      now,
    });
    expect(plan.periodSeconds).toBe(300);
    expect(plan.end.toISOString()).toBe('2026-11-30T10:05:00.000Z');
    expect(plan.start.getTime() % 300_000).toBe(0);
  });

  it('keeps a metric’s statistics in one call, never more than 500 queries', () => {
    const metrics = Array.from({ length: 300 }, (_, i) => metric(`m${i}`, ['Sum', 'SampleCount']));
    const calls = planCalls(metrics, 'us-east-1', new Date(0), new Date(60_000 * 60), 60);
    expect(calls.map((c) => c.queries.length)).toEqual([500, 100]);
    for (const call of calls) {
      const keys = new Set(call.queries.map((q) => q.metricKey));
      for (const k of keys) expect(call.queries.filter((q) => q.metricKey === k)).toHaveLength(2);
    }
    // Ids are valid GetMetricData ids: a lowercase first letter, then letters, digits, underscores.
    for (const q of calls.flatMap((c) => c.queries)) expect(q.id).toMatch(/^[a-z][A-Za-z0-9_]*$/);
  });

  it('bills up to five statistics of one metric as one metric', () => {
    const calls = planCalls(
      [metric('a', ['Sum', 'SampleCount', 'Maximum', 'Minimum', 'p50', 'p99']), metric('b', ['Maximum'])],
      'us-east-1',
      new Date(0),
      new Date(3_600_000),
      60,
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.billedMetrics).toBe(3);
  });

  it('splits a range longer than 100,800 datapoints in time, and calls per region', () => {
    const end = new Date(120_000 * 60_000);
    const calls = planCalls(
      [metric('a', ['Sum']), metric('b', ['Sum'], 'us-east-1')],
      'ap-northeast-2',
      new Date(0),
      end,
      60,
    );
    expect(calls.map((c) => [c.region, c.start.getTime() / 60_000, c.end.getTime() / 60_000])).toEqual([
      ['ap-northeast-2', 0, 100_800],
      ['us-east-1', 0, 100_800],
      ['ap-northeast-2', 100_800, 120_000],
      ['us-east-1', 100_800, 120_000],
    ]);
  });

  it('says where rebuilt datapoints are approximate', () => {
    const plan = planBacktest({ catalog, region: prod.region, end: now, days: 30, now });
    expect(plan.periodSeconds).toBe(300);
    expect(plan.approximations).toContain(
      'service-down: its 1-minute period reads 5-minute data spread evenly over its minutes',
    );
    expect(planBacktest({ catalog, region: prod.region, end: now, days: 7, now }).approximations).toEqual([]);
  });

  it('rejects a non-positive range', () => {
    expect(() => planBacktest({ catalog, region: prod.region, end: now, days: 0, now })).toThrow(/positive/);
  });
});
