/**
 * Raw samples per minute, the way CloudWatch stores values and counts. A minute without data is
 * `undefined` (missing).
 */
import type { Value } from './notation';

export interface MinuteSamples {
  readonly values: readonly number[];
  readonly counts: readonly number[];
}

export type SampleSeries = readonly (MinuteSamples | undefined)[];

/** One sample per minute with the given value (gauges, counters already summed by the app). */
export function gaugeSamples(values: readonly Value[]): SampleSeries {
  return values.map((v) => (v === undefined ? undefined : { values: [v], counts: [1] }));
}

/**
 * `ratio` of `requests` samples are 1, the rest 0: Average is the ratio, Sum the failures,
 * SampleCount the requests (API Gateway 5XXError, the app's *Outcome metrics).
 */
export function ratioSamples(ratios: readonly Value[], requests: readonly Value[]): SampleSeries {
  return ratios.map((r, i) => {
    const n = Math.round(requests[i] ?? 0);
    if (r === undefined || n <= 0) return undefined;
    const failures = Math.round(n * Math.min(1, Math.max(0, r)));
    return { values: [0, 1], counts: [n - failures, failures] };
  });
}

const LATENCY_BUCKETS = 40;

/**
 * Latency samples whose 95th percentile (nearest rank, as `statistic('p95')`) is exactly the given
 * value at any sample count: the sample at rank ceil(0.95 n) is the value, the ones below follow a
 * piecewise-linear quantile function through (0, p95/10), (0.5, p95/3), (0.95, p95) and the ones
 * above rise to 2 x p95, in at most 40 equal-count buckets.
 */
export function latencySamples(p95s: readonly Value[], requests: readonly Value[]): SampleSeries {
  return p95s.map((p95, i) => {
    const n = Math.round(requests[i] ?? 0);
    if (p95 === undefined || n <= 0) return undefined;
    const rank = Math.ceil(0.95 * n);
    const below = spread(rank - 1, (q) => quantile(0.95 * q, p95));
    const above = spread(n - rank, (q) => p95 * (1 + q));
    return {
      values: [...below.values, p95, ...above.values],
      counts: [...below.counts, 1, ...above.counts],
    };
  });
}

/** `count` samples in at most LATENCY_BUCKETS buckets at `valueAt((b + 0.5) / buckets)`, q in (0, 1). */
function spread(count: number, valueAt: (q: number) => number): { values: number[]; counts: number[] } {
  const buckets = Math.min(LATENCY_BUCKETS, count);
  const values: number[] = [];
  const counts: number[] = [];
  for (let b = 0; b < buckets; b++) {
    values.push(valueAt((b + 0.5) / buckets));
    counts.push(Math.floor(count / buckets) + (b < count % buckets ? 1 : 0));
  }
  return { values, counts };
}

function quantile(q: number, p95: number): number {
  const points: [number, number][] = [
    [0, p95 / 10],
    [0.5, p95 / 3],
    [0.95, p95],
  ];
  for (let i = 1; i < points.length; i++) {
    const [q0, v0] = points[i - 1] as [number, number];
    const [q1, v1] = points[i] as [number, number];
    if (q <= q1) return v0 + ((q - q0) / (q1 - q0)) * (v1 - v0);
  }
  return p95;
}

/** Deterministic multiplicative noise of +-`amount` (seeded, so a scenario replays identically). */
export function withNoise(values: readonly Value[], amount: number, seed: string): Value[] {
  let state = [...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16_777_619) >>> 0, 2_166_136_261);
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  return values.map((v) => (v === undefined ? undefined : Math.max(0, v * (1 + (next() * 2 - 1) * amount))));
}
