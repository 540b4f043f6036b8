/**
 * Turns an export's per-period statistics back into per-minute samples for the evaluator, chosen
 * so that every stored statistic comes out exactly: Sum, SampleCount, Average, Maximum and Minimum
 * over any window of whole periods, and a stored percentile (or percentile rank) for one period.
 */
import type { MetricLookup } from '../evaluate';
import type { MinuteSamples, SampleSeries } from '../samples';
import type { BacktestExport, ExportMetric } from './export-format';
import { exportMetricKey, exportSlots } from './export-format';
import { metricKey } from './plan';

type Stats = Readonly<Record<string, number | undefined>>;

/** Samples of one period whose statistics are the stored ones. */
export function periodSamples(stats: Stats): MinuteSamples | undefined {
  const { Sum: sum, SampleCount: count, Maximum: max, Minimum: min } = stats;
  const extended = Object.keys(stats).find((s) => !['Sum', 'SampleCount', 'Maximum', 'Minimum'].includes(s));
  if (extended !== undefined && sum === undefined) {
    const value = stats[extended];
    if (value === undefined) return undefined;
    const n = count !== undefined && count > 0 ? count : 1;
    const rank = /^PR\((-?[\d.]*):(-?[\d.]*)\)$/.exec(extended);
    if (!rank) return { values: [value], counts: [n] };
    // A percentile rank is the percent of samples in (low, high]: that share inside, the rest above.
    const low = rank[1] === '' ? 0 : Number(rank[1]);
    const high = rank[2] === '' ? undefined : Number(rank[2]);
    const inside = high ?? low + 1;
    const outside = high === undefined ? low : high + Math.max(1, Math.abs(high));
    const share = Math.min(100, Math.max(0, value)) / 100;
    return { values: [inside, outside], counts: [n * share, n * (1 - share)] };
  }
  if (sum !== undefined && count !== undefined) {
    if (count <= 0) return undefined;
    const values: number[] = [];
    const counts: number[] = [];
    let rest = count;
    let restSum = sum;
    // One sample at the maximum and one at the minimum; the rest share what is left of the sum.
    if (max !== undefined && rest >= 2) {
      values.push(max);
      counts.push(1);
      rest -= 1;
      restSum -= max;
    }
    if (min !== undefined && rest >= 2) {
      values.push(min);
      counts.push(1);
      rest -= 1;
      restSum -= min;
    }
    values.push(restSum / rest);
    counts.push(rest);
    return { values, counts };
  }
  const single = [max, min, sum].filter((v): v is number => v !== undefined);
  if (single.length > 0) {
    const values = [...new Set(single)];
    return { values, counts: values.map(() => 1) };
  }
  if (count !== undefined && count > 0) return { values: [0], counts: [count] };
  return undefined;
}

/** Per-minute samples of one exported metric; a coarser period is spread evenly over its minutes. */
export function metricSamples(metric: ExportMetric, periodSeconds: number, slots: number): SampleSeries {
  const minutesPerPeriod = periodSeconds / 60;
  const columns = Object.entries(metric.statistics);
  const out: (MinuteSamples | undefined)[] = new Array(slots * minutesPerPeriod);
  const stats: Record<string, number | undefined> = {};
  for (let i = 0; i < slots; i++) {
    let any = false;
    for (const [name, values] of columns) {
      const v = values[i];
      stats[name] = v === null ? undefined : v;
      if (v !== null && v !== undefined) any = true;
    }
    const samples = any ? periodSamples(defined(stats)) : undefined;
    const spread =
      samples && minutesPerPeriod > 1
        ? { values: samples.values, counts: samples.counts.map((c) => c / minutesPerPeriod) }
        : samples;
    for (let m = 0; m < minutesPerPeriod; m++) out[i * minutesPerPeriod + m] = spread;
  }
  return out;
}

function defined(stats: Stats): Stats {
  const out: Record<string, number> = {};
  for (const key in stats) {
    const v = stats[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** The evaluator's metric lookup over an export (series built on first use), and its minutes. */
export function exportLookup(data: BacktestExport): { lookup: MetricLookup; minutes: number } {
  const slots = exportSlots(data);
  const byKey = new Map(data.metrics.map((m) => [exportMetricKey(m), m]));
  const built = new Map<string, SampleSeries>();
  return {
    lookup: (request) => {
      const key = metricKey(request.namespace, request.metricName, request.dimensions);
      const metric = byKey.get(key);
      if (!metric) return undefined;
      const series = built.get(key) ?? metricSamples(metric, data.periodSeconds, slots);
      built.set(key, series);
      return series;
    },
    minutes: (slots * data.periodSeconds) / 60,
  };
}
