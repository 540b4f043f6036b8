/**
 * What a backtest reads from CloudWatch: every metric the environment's catalog uses (alarmed or
 * dashboard-only), the statistics that rebuild each alarm's datapoints for any period, the
 * resolution CloudWatch still keeps for the range, the GetMetricData calls within the API's
 * limits, and what they cost. Pure: the reader in tools/replay sends exactly these calls.
 */
import type { ResolvedCatalog } from '../../catalog/resolve';
import type { MetricAlarmSpec, MetricRef } from '../../catalog/types';
import prices from '../../guard/prices.json';

/** GetMetricData API reference: "as many as 500 different metrics in a single request, with a total of as many as 100,800 data points". */
export const GET_METRIC_DATA_LIMITS = { queriesPerCall: 500, datapointsPerCall: 100_800 } as const;

/** CloudWatch pricing: up to five statistics of one metric in one request are billed as one metric. */
export const STATISTICS_PER_BILLED_METRIC = 5;

/**
 * Resolutions CloudWatch keeps (GetMetricData API reference, "Amazon CloudWatch retains metric
 * data as follows"), finest first; a start older than a resolution's retention needs the next one.
 */
export const RESOLUTIONS = [
  { periodSeconds: 60, retentionDays: 15, label: '1-minute' },
  { periodSeconds: 300, retentionDays: 63, label: '5-minute' },
  { periodSeconds: 3600, retentionDays: 455, label: '1-hour' },
] as const;

const DAY_MS = 86_400_000;
const ADDITIVE = new Set(['Sum', 'SampleCount', 'Maximum', 'Minimum']);

export interface BacktestMetric {
  /** Stable identity: namespace, name and sorted dimensions. */
  readonly key: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** Region the metric lives in. @default - the environment's region */
  readonly region?: string;
  /** Statistics stored at the export's period, in request order. */
  readonly statistics: readonly string[];
  /** Catalog signals that read it. */
  readonly usedBy: readonly string[];
}

export interface MetricQuery {
  /** GetMetricData query id: starts with a lowercase letter, then letters, digits and `_`. */
  readonly id: string;
  readonly metricKey: string;
  readonly statistic: string;
}

export interface PlannedCall {
  readonly region: string;
  readonly start: Date;
  readonly end: Date;
  readonly queries: readonly MetricQuery[];
  /** Metrics this call is billed for (each metric's statistics in groups of five). */
  readonly billedMetrics: number;
}

export interface RequestPlan {
  readonly environment: string;
  readonly start: Date;
  readonly end: Date;
  readonly periodSeconds: number;
  /** Why this period, in one sentence for the console. */
  readonly periodReason: string;
  readonly metrics: readonly BacktestMetric[];
  readonly calls: readonly PlannedCall[];
  readonly billedMetrics: number;
  readonly costUsd: number;
  /** Where the rebuilt datapoints are approximate, and why. */
  readonly approximations: readonly string[];
}

export function metricKey(
  namespace: string,
  metricName: string,
  dimensions: Readonly<Record<string, string>>,
) {
  const dims = Object.entries(dimensions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `${namespace}|${metricName}|${dims}`;
}

/**
 * The statistics to store per period so any alarm period can be rebuilt: an Average is Sum over
 * SampleCount at every period; Sum, SampleCount, Maximum and Minimum add up across periods.
 * Percentiles do not, so they are stored as such, with the sample count they came from.
 */
export function storedStatistics(statistic: string): readonly string[] {
  if (statistic === 'Average') return ['Sum', 'SampleCount'];
  if (ADDITIVE.has(statistic)) return [statistic];
  return [statistic, 'SampleCount'];
}

function refsOf(spec: MetricAlarmSpec): MetricRef[] {
  return spec.query.kind === 'metric' ? [spec.query.metric] : Object.values(spec.query.metrics);
}

/** Every metric the catalog reads for this environment, alarms and dashboard-only signals alike. */
export function catalogMetrics(catalog: ResolvedCatalog): {
  metrics: BacktestMetric[];
  refs: { ref: MetricRef; signal: string }[];
} {
  const specs = [
    ...catalog.alarms.filter((a): a is MetricAlarmSpec => a.kind === 'metric-alarm'),
    ...catalog.dashboardOnly.map((d) => d.spec),
  ];
  const byKey = new Map<
    string,
    { metric: Omit<BacktestMetric, 'statistics' | 'usedBy'>; stats: Set<string>; usedBy: Set<string> }
  >();
  const refs: { ref: MetricRef; signal: string }[] = [];
  for (const spec of specs) {
    for (const ref of refsOf(spec)) {
      refs.push({ ref, signal: spec.id });
      const key = metricKey(ref.namespace, ref.metricName, ref.dimensions);
      const entry = byKey.get(key) ?? {
        metric: {
          key,
          namespace: ref.namespace,
          metricName: ref.metricName,
          dimensions: ref.dimensions,
          ...(ref.region ? { region: ref.region } : {}),
        },
        stats: new Set<string>(),
        usedBy: new Set<string>(),
      };
      for (const s of storedStatistics(ref.statistic)) entry.stats.add(s);
      entry.usedBy.add(spec.id);
      byKey.set(key, entry);
    }
  }
  return {
    metrics: [...byKey.values()].map((e) => ({
      ...e.metric,
      statistics: [...e.stats],
      usedBy: [...e.usedBy],
    })),
    refs,
  };
}

/** The finest resolution CloudWatch still keeps at `start`, and why. */
export function choosePeriod(start: Date, now: Date): { periodSeconds: number; reason: string } {
  const ageDays = (now.getTime() - start.getTime()) / DAY_MS;
  const resolution = RESOLUTIONS.find((r) => ageDays < r.retentionDays);
  if (!resolution) {
    throw new Error(
      `the range starts ${Math.floor(ageDays)} days ago; CloudWatch keeps metric data ${RESOLUTIONS.at(-1)?.retentionDays} days`,
    );
  }
  const finer = RESOLUTIONS.filter((r) => r.periodSeconds < resolution.periodSeconds).at(-1);
  const reason = finer
    ? `${resolution.label} data: the range starts ${ageDays.toFixed(1)} days ago and CloudWatch keeps ${finer.label} data only ${finer.retentionDays} days`
    : `${resolution.label} data: the range starts ${ageDays.toFixed(1)} days ago, within the ${resolution.retentionDays} days CloudWatch keeps it`;
  return { periodSeconds: resolution.periodSeconds, reason };
}

export interface PlanInput {
  readonly catalog: ResolvedCatalog;
  readonly region: string;
  readonly end: Date;
  readonly days: number;
  readonly now: Date;
}

export function planBacktest(input: PlanInput): RequestPlan {
  if (!(input.days > 0)) throw new Error(`--days must be a positive number, got ${input.days}`);
  const rawStart = new Date(input.end.getTime() - input.days * DAY_MS);
  const { periodSeconds, reason } = choosePeriod(rawStart, input.now);
  const periodMs = periodSeconds * 1000;
  // Whole periods, as CloudWatch rounds the range; the end is exclusive.
  const start = new Date(Math.floor(rawStart.getTime() / periodMs) * periodMs);
  const end = new Date(Math.floor(input.end.getTime() / periodMs) * periodMs);
  const { metrics, refs } = catalogMetrics(input.catalog);
  const calls = planCalls(metrics, input.region, start, end, periodSeconds);
  const billedMetrics = calls.reduce((n, c) => n + c.billedMetrics, 0);
  return {
    environment: input.catalog.environment,
    start,
    end,
    periodSeconds,
    periodReason: reason,
    metrics,
    calls,
    billedMetrics,
    costUsd: getMetricDataCost(billedMetrics, input.region),
    approximations: approximations(refs, periodSeconds),
  };
}

export function getMetricDataCost(billedMetrics: number, region: string): number {
  const table = prices.regions as Record<string, { getMetricDataPerThousandMetrics: number }>;
  const price = (table[region] ?? table[prices.defaultRegion])?.getMetricDataPerThousandMetrics;
  if (price === undefined) throw new Error(`prices.json has no GetMetricData price for ${region}`);
  return (billedMetrics / 1000) * price;
}

/**
 * Calls per region and time chunk: each call stays within 500 queries and 100,800 datapoints, and
 * a metric's statistics share a call so they are billed together.
 */
export function planCalls(
  metrics: readonly BacktestMetric[],
  defaultRegion: string,
  start: Date,
  end: Date,
  periodSeconds: number,
): PlannedCall[] {
  const { queriesPerCall, datapointsPerCall } = GET_METRIC_DATA_LIMITS;
  const periodMs = periodSeconds * 1000;
  const points = Math.max(1, Math.round((end.getTime() - start.getTime()) / periodMs));
  // A range too long for one call even with one query is split in time.
  const chunkPoints = Math.min(points, datapointsPerCall);
  const perCall = Math.min(queriesPerCall, Math.floor(datapointsPerCall / chunkPoints));
  const regions = [...new Set(metrics.map((m) => m.region ?? defaultRegion))];
  const calls: PlannedCall[] = [];
  for (let offset = 0; offset < points; offset += chunkPoints) {
    const chunkStart = new Date(start.getTime() + offset * periodMs);
    const chunkEnd = new Date(Math.min(end.getTime(), chunkStart.getTime() + chunkPoints * periodMs));
    for (const region of regions) {
      let batch: { metric: BacktestMetric; index: number }[] = [];
      let size = 0;
      const flush = () => {
        if (batch.length > 0) calls.push(callOf(region, chunkStart, chunkEnd, batch));
        batch = [];
        size = 0;
      };
      metrics.forEach((metric, index) => {
        if ((metric.region ?? defaultRegion) !== region) return;
        if (size + metric.statistics.length > perCall) flush();
        batch.push({ metric, index });
        size += metric.statistics.length;
      });
      flush();
    }
  }
  return calls;
}

function callOf(
  region: string,
  start: Date,
  end: Date,
  batch: readonly { metric: BacktestMetric; index: number }[],
): PlannedCall {
  return {
    region,
    start,
    end,
    queries: batch.flatMap(({ metric, index }) =>
      metric.statistics.map((statistic, s) => ({ id: `m${index}_${s}`, metricKey: metric.key, statistic })),
    ),
    billedMetrics: batch.reduce(
      (n, b) => n + Math.ceil(b.metric.statistics.length / STATISTICS_PER_BILLED_METRIC),
      0,
    ),
  };
}

function approximations(
  refs: readonly { ref: MetricRef; signal: string }[],
  periodSeconds: number,
): string[] {
  const notes = new Set<string>();
  for (const { ref, signal } of refs) {
    if (ref.periodSeconds < periodSeconds) {
      notes.add(
        `${signal}: its ${ref.periodSeconds / 60}-minute period reads ${periodSeconds / 60}-minute data spread evenly over its minutes`,
      );
    } else if (
      !ADDITIVE.has(ref.statistic) &&
      ref.statistic !== 'Average' &&
      ref.periodSeconds > periodSeconds
    ) {
      notes.add(
        `${signal}: ${ref.statistic} over ${ref.periodSeconds / 60} minutes is rebuilt from ${periodSeconds / 60}-minute ${ref.statistic} values, not raw samples`,
      );
    }
  }
  return [...notes];
}
