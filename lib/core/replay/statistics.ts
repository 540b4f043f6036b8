/**
 * CloudWatch statistics over the raw samples of one period: Sum, Average, Minimum, Maximum,
 * SampleCount, percentiles `pNN` and percentile rank `PR(a:b)` (percent of samples in (a, b]).
 */
import type { MinuteSamples } from './samples';

export function statistic(name: string, minutes: readonly (MinuteSamples | undefined)[]): number | undefined {
  let count = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const m of minutes) {
    if (!m) continue;
    for (let i = 0; i < m.values.length; i++) {
      const v = m.values[i] as number;
      const c = m.counts[i] as number;
      if (c <= 0) continue;
      count += c;
      sum += v * c;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  // CloudWatch has no datapoint for a period without samples.
  if (count === 0) return undefined;
  switch (name) {
    case 'SampleCount':
      return count;
    case 'Sum':
      return sum;
    case 'Average':
      return sum / count;
    case 'Minimum':
      return min;
    case 'Maximum':
      return max;
  }
  const percentile = /^p(\d+(?:\.\d+)?)$/.exec(name);
  if (percentile) return percentileOf(Number(percentile[1]), minutes, count);
  const rank = /^PR\((-?[\d.]*):(-?[\d.]*)\)$/.exec(name);
  if (rank) {
    const low = rank[1] === '' ? Number.NEGATIVE_INFINITY : Number(rank[1]);
    const high = rank[2] === '' ? Number.POSITIVE_INFINITY : Number(rank[2]);
    let inRange = 0;
    for (const m of minutes) {
      if (!m) continue;
      m.values.forEach((v, i) => {
        if (v > low && v <= high) inRange += m.counts[i] as number;
      });
    }
    return (100 * inRange) / count;
  }
  throw new Error(`statistic "${name}" is not supported by the replay evaluator`);
}

/**
 * Whether a percentile period has too few samples to be statistically significant ("Percentile-based
 * CloudWatch alarms and low data samples"): fewer than 10 / (1 - p) samples for p in [0.5, 1), fewer
 * than 10 / p for p in (0, 0.5). Other statistics are never low.
 */
export function isLowSampleCount(name: string, samples: number): boolean {
  const percentile = /^p(\d+(?:\.\d+)?)$/.exec(name);
  if (!percentile) return false;
  const p = Number(percentile[1]) / 100;
  if (p >= 0.5 && p < 1) return samples < 10 / (1 - p);
  if (p > 0 && p < 0.5) return samples < 10 / p;
  return false;
}

/** Nearest-rank percentile over values with counts. */
function percentileOf(p: number, minutes: readonly (MinuteSamples | undefined)[], total: number): number {
  const pairs: [number, number][] = [];
  for (const m of minutes) {
    if (!m) continue;
    m.values.forEach((v, i) => {
      pairs.push([v, m.counts[i] as number]);
    });
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (const [v, c] of pairs) {
    seen += c;
    if (seen >= rank) return v;
  }
  return (pairs.at(-1) as [number, number])[0];
}
