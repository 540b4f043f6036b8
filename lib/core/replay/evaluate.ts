/**
 * CloudWatch alarm evaluation, minute by minute, over synthesized alarm properties:
 * - a period >= 60 s is evaluated every minute over windows that end at the evaluation time, so a
 *   1 h period with one evaluation period is a rolling hour;
 * - M of N: ALARM when at least DatapointsToAlarm of the last EvaluationPeriods datapoints breach;
 * - missing data (CloudWatch "Configuring how alarms treat missing data"): `breaching` and
 *   `notBreaching` stand in for missing points among the last N; `missing` and `ignore` evaluate the
 *   most recent existing points within a wider evaluation range (N + 2 here), never alarm on fewer
 *   than M breaching points, and when every point is missing go to INSUFFICIENT_DATA (`missing`) or
 *   keep the state (`ignore`);
 * - actions fire on state changes only.
 * Minutes before the scenario repeat its first minute: the system was in its starting state.
 */
import type { CompositeAlarmProperties, MetricAlarmProperties } from '../catalog/alarm-properties';
import { evaluateExpression, parseExpression } from './expression';
import type { MinuteSamples, SampleSeries } from './samples';
import { statistic } from './statistics';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export const EXTRA_EVALUATION_RANGE = 2;

/** Finds the samples of a metric (by namespace and name; a scenario is one environment). */
export type MetricLookup = (namespace: string, metricName: string) => SampleSeries | undefined;

const SIMPLE = new Set(['Sum', 'Average', 'SampleCount', 'Minimum', 'Maximum']);

/** Fast window statistics: prefix sums for Sum, Average and SampleCount. */
class IndexedSeries {
  private readonly prefixSum: Float64Array;
  private readonly prefixCount: Float64Array;
  private readonly first: MinuteSamples | undefined;

  constructor(readonly minutes: SampleSeries) {
    this.prefixSum = new Float64Array(minutes.length + 1);
    this.prefixCount = new Float64Array(minutes.length + 1);
    minutes.forEach((m, i) => {
      let s = 0;
      let c = 0;
      m?.values.forEach((v, j) => {
        s += v * (m.counts[j] as number);
        c += m.counts[j] as number;
      });
      this.prefixSum[i + 1] = (this.prefixSum[i] as number) + s;
      this.prefixCount[i + 1] = (this.prefixCount[i] as number) + c;
    });
    this.first = minutes[0];
  }

  /** Statistic over minutes [start, end) of the scenario; minutes before 0 repeat minute 0. */
  window(stat: string, start: number, end: number): number | undefined {
    const end2 = Math.min(end, this.minutes.length);
    if (end2 <= 0 && end <= 0) return this.beforeStart(stat, end - start);
    if (SIMPLE.has(stat) && stat !== 'Minimum' && stat !== 'Maximum') {
      const lead = Math.max(0, -start);
      const from = Math.max(0, start);
      let sum = (this.prefixSum[end2] as number) - (this.prefixSum[from] as number);
      let count = (this.prefixCount[end2] as number) - (this.prefixCount[from] as number);
      if (lead > 0 && this.first) {
        const firstSum = (this.prefixSum[1] as number) - (this.prefixSum[0] as number);
        const firstCount = (this.prefixCount[1] as number) - (this.prefixCount[0] as number);
        sum += lead * firstSum;
        count += lead * firstCount;
      }
      if (count === 0) return undefined;
      return stat === 'Sum' ? sum : stat === 'SampleCount' ? count : sum / count;
    }
    const slice: (MinuteSamples | undefined)[] = [];
    // A repeated first minute only matters for how many samples there are, not their shape.
    if (start < 0 && this.first) slice.push(scale(this.first, -start));
    slice.push(...this.minutes.slice(Math.max(0, start), end2));
    return statistic(stat, slice);
  }

  private beforeStart(stat: string, length: number): number | undefined {
    return this.first ? statistic(stat, [scale(this.first, length)]) : undefined;
  }
}

function scale(m: MinuteSamples, times: number): MinuteSamples {
  return { values: m.values, counts: m.counts.map((c) => c * times) };
}

/** A synthesized metric alarm, ready to produce one datapoint per evaluation time. */
export class AlarmEvaluator {
  private readonly periodMinutes: number;
  private readonly inputs: { id: string; series: IndexedSeries | undefined; stat: string }[];
  private readonly expression?: ReturnType<typeof parseExpression>;

  constructor(
    readonly props: MetricAlarmProperties,
    lookup: MetricLookup,
  ) {
    const index = (ns: string, name: string) => {
      const s = lookup(ns, name);
      return s ? new IndexedSeries(s) : undefined;
    };
    if (props.Metrics) {
      const returned = props.Metrics.find((q) => q.ReturnData);
      if (!returned?.Expression) throw new Error(`${props.AlarmName}: no returned expression`);
      this.expression = parseExpression(returned.Expression);
      const stats = props.Metrics.filter((q) => q.MetricStat);
      this.inputs = stats.map((q) => ({
        id: q.Id,
        series: index(q.MetricStat?.Metric.Namespace ?? '', q.MetricStat?.Metric.MetricName ?? ''),
        stat: q.MetricStat?.Stat ?? 'Average',
      }));
      this.periodMinutes = (stats[0]?.MetricStat?.Period ?? 60) / 60;
    } else {
      this.inputs = [
        {
          id: 'm',
          series: index(props.Namespace ?? '', props.MetricName ?? ''),
          stat: props.Statistic ?? props.ExtendedStatistic ?? 'Average',
        },
      ];
      this.periodMinutes = (props.Period ?? 60) / 60;
    }
  }

  /** The datapoint of the period that ends `k` periods before evaluation time `t` (minutes). */
  datapoint(t: number, k: number): number | undefined {
    const end = t - k * this.periodMinutes;
    const start = end - this.periodMinutes;
    const values: Record<string, number | undefined> = {};
    for (const input of this.inputs) values[input.id] = input.series?.window(input.stat, start, end);
    if (!this.expression) return values.m;
    return evaluateExpression(this.expression, values);
  }

  breaches(value: number): boolean {
    const threshold = this.props.Threshold;
    switch (this.props.ComparisonOperator) {
      case 'GreaterThanOrEqualToThreshold':
        return value >= threshold;
      case 'GreaterThanThreshold':
        return value > threshold;
      case 'LessThanThreshold':
        return value < threshold;
      case 'LessThanOrEqualToThreshold':
        return value <= threshold;
    }
    throw new Error(`comparison ${this.props.ComparisonOperator} is not supported`);
  }

  /** The state after evaluating at time `t`, given the state before. */
  evaluate(t: number, current: AlarmState): AlarmState {
    const n = this.props.EvaluationPeriods;
    const m = this.props.DatapointsToAlarm;
    const treatment = this.props.TreatMissingData;
    if (treatment === 'breaching' || treatment === 'notBreaching') {
      let breaching = 0;
      for (let k = 0; k < n; k++) {
        const v = this.datapoint(t, k);
        if (v === undefined ? treatment === 'breaching' : this.breaches(v)) breaching++;
      }
      return breaching >= m ? 'ALARM' : 'OK';
    }
    const existing: number[] = [];
    for (let k = 0; k < n + EXTRA_EVALUATION_RANGE && existing.length < n; k++) {
      const v = this.datapoint(t, k);
      if (v !== undefined) existing.push(v);
    }
    if (existing.length === 0) return treatment === 'ignore' ? current : 'INSUFFICIENT_DATA';
    return existing.filter((v) => this.breaches(v)).length >= m ? 'ALARM' : 'OK';
  }
}

/** Evaluates a composite rule (`ALARM("x")`, `OK("x")`, `INSUFFICIENT_DATA("x")`, AND, OR, NOT, TRUE, FALSE). */
export function compositeInAlarm(
  props: CompositeAlarmProperties,
  states: ReadonlyMap<string, AlarmState>,
): boolean {
  const tokens =
    props.AlarmRule.match(/\(|\)|AND|OR|NOT|TRUE|FALSE|(?:ALARM|OK|INSUFFICIENT_DATA)\("[^"]+"\)/g) ?? [];
  let pos = 0;
  const primary = (): boolean => {
    const token = tokens[pos++];
    if (token === '(') {
      const v = or();
      pos++;
      return v;
    }
    if (token === 'NOT') return !primary();
    if (token === 'TRUE') return true;
    if (token === 'FALSE') return false;
    const m = /^(ALARM|OK|INSUFFICIENT_DATA)\("([^"]+)"\)$/.exec(token ?? '');
    if (!m) throw new Error(`cannot read composite rule ${props.AlarmRule}`);
    return (states.get(m[2] as string) ?? 'INSUFFICIENT_DATA') === m[1];
  };
  const and = (): boolean => {
    let v = primary();
    while (tokens[pos] === 'AND') {
      pos++;
      const right = primary();
      v = v && right;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (tokens[pos] === 'OR') {
      pos++;
      const right = and();
      v = v || right;
    }
    return v;
  };
  return or();
}
