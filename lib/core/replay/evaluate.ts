/**
 * CloudWatch alarm evaluation, minute by minute, over synthesized alarm properties. Each rule is
 * the CloudWatch user guide's ("Configuring how CloudWatch alarms treat missing data", "Alarm
 * evaluation"); test/core/replay/cloudwatch-rules.test.ts quotes the documentation for each.
 * - A period >= 60 s is evaluated every minute over windows that end at the evaluation time.
 * - The evaluation range is EvaluationPeriods + 2 datapoints (the guide's example: 5 for 3 periods).
 *   With at least N real datapoints in it, the most recent N real ones decide and the missing-data
 *   setting is not used; with fewer, `breaching` / `notBreaching` fill the gap, and `missing` /
 *   `ignore` decide on the real ones, with the premature-alarm rule, and go to INSUFFICIENT_DATA
 *   (`missing`) or keep the state (`ignore`) when the real ones cannot decide.
 * - Data arrive `delay` minutes after the minute they describe (ingestion delay, per namespace).
 * - Percentile alarms with `EvaluateLowSampleCountPercentile: ignore` keep their state while the
 *   latest period has too few samples.
 * Minutes before the data repeat its first minute: the metric was reported before the alarm existed
 * (scenarios). A backtest knows nothing before its export: see `evaluate`'s `knownFrom`.
 */
import type { CompositeAlarmProperties, MetricAlarmProperties } from '../catalog/alarm-properties';
import { evaluateExpression, parseExpression } from './expression';
import type { MinuteSamples, SampleSeries } from './samples';
import { isLowSampleCount, statistic } from './statistics';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
/** "When you create a CloudWatch alarm, its first state by default is INSUFFICIENT_DATA." */
export const INITIAL_STATE: AlarmState = 'INSUFFICIENT_DATA';
export const EXTRA_EVALUATION_RANGE = 2;

/** One metric an alarm reads, as its properties name it. */
export interface MetricRequest {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: string;
  readonly periodSeconds: number;
}

/** Finds the raw samples per minute of a metric; undefined when nothing was ever published. */
export type MetricLookup = (metric: MetricRequest) => SampleSeries | undefined;

/** Minutes after the end of a minute until its samples can be read, by namespace. */
export type IngestionDelay = (namespace: string) => number;

const PREFIX_STATISTICS = new Set(['Sum', 'Average', 'SampleCount']);

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

  /** Statistic and sample count over minutes [start, end); minutes before 0 repeat minute 0. */
  window(stat: string, start: number, end: number): { value: number | undefined; count: number } {
    const to = Math.min(end, this.minutes.length);
    const from = Math.max(0, start);
    const lead = Math.max(0, Math.min(end, 0) - start);
    if (PREFIX_STATISTICS.has(stat)) {
      let sum = 0;
      let count = 0;
      if (to > from) {
        sum = (this.prefixSum[to] as number) - (this.prefixSum[from] as number);
        count = (this.prefixCount[to] as number) - (this.prefixCount[from] as number);
      }
      if (lead > 0) {
        sum += lead * (this.prefixSum[1] as number);
        count += lead * (this.prefixCount[1] as number);
      }
      if (count === 0) return { value: undefined, count };
      return { value: stat === 'Sum' ? sum : stat === 'SampleCount' ? count : sum / count, count };
    }
    const slice: (MinuteSamples | undefined)[] = [];
    // A repeated first minute only matters for how many samples there are, not their shape.
    if (lead > 0 && this.first) slice.push(scale(this.first, lead));
    if (to > from) slice.push(...this.minutes.slice(from, to));
    let count = 0;
    for (const m of slice) for (const c of m?.counts ?? []) count += c;
    return { value: statistic(stat, slice), count };
  }
}

function scale(m: MinuteSamples, times: number): MinuteSamples {
  return { values: m.values, counts: m.counts.map((c) => c * times) };
}

interface Input {
  readonly id: string;
  readonly series: IndexedSeries | undefined;
  readonly stat: string;
  readonly delay: number;
}

function dimensionsOf(list: readonly { Name: string; Value: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((list ?? []).map((d) => [d.Name, d.Value]));
}

/** A synthesized metric alarm, ready to produce one datapoint per evaluation time. */
export class AlarmEvaluator {
  private readonly periodMinutes: number;
  private readonly inputs: readonly Input[];
  private readonly expression?: ReturnType<typeof parseExpression>;

  constructor(
    readonly props: MetricAlarmProperties,
    lookup: MetricLookup,
    delay: IngestionDelay = () => 0,
  ) {
    const input = (id: string, request: MetricRequest): Input => {
      const samples = lookup(request);
      return {
        id,
        series: samples ? new IndexedSeries(samples) : undefined,
        stat: request.statistic,
        delay: delay(request.namespace),
      };
    };
    if (props.Metrics) {
      const returned = props.Metrics.find((q) => q.ReturnData);
      if (!returned?.Expression) throw new Error(`${props.AlarmName}: no returned expression`);
      this.expression = parseExpression(returned.Expression);
      const stats = props.Metrics.flatMap((q) => (q.MetricStat ? [{ id: q.Id, stat: q.MetricStat }] : []));
      this.inputs = stats.map(({ id, stat }) =>
        input(id, {
          namespace: stat.Metric.Namespace,
          metricName: stat.Metric.MetricName,
          dimensions: dimensionsOf(stat.Metric.Dimensions),
          statistic: stat.Stat,
          periodSeconds: stat.Period,
        }),
      );
      this.periodMinutes = (stats[0]?.stat.Period ?? 60) / 60;
    } else {
      const period = props.Period ?? 60;
      this.inputs = [
        input('m', {
          namespace: props.Namespace ?? '',
          metricName: props.MetricName ?? '',
          dimensions: dimensionsOf(props.Dimensions),
          statistic: props.Statistic ?? props.ExtendedStatistic ?? 'Average',
          periodSeconds: period,
        }),
      ];
      this.periodMinutes = period / 60;
    }
  }

  /**
   * The datapoint of the period that ends `k` periods before evaluation time `t` (minutes), from
   * the samples ingested by `t`.
   */
  datapoint(t: number, k: number): number | undefined {
    return this.read(t, k).value;
  }

  private read(t: number, k: number): { value: number | undefined; lowSamples: boolean } {
    const end = t - k * this.periodMinutes;
    const start = end - this.periodMinutes;
    const values: Record<string, number | undefined> = {};
    let lowSamples = false;
    for (const input of this.inputs) {
      const visibleEnd = Math.min(end, t - input.delay);
      const w =
        input.series && visibleEnd > start
          ? input.series.window(input.stat, start, visibleEnd)
          : { value: undefined, count: 0 };
      values[input.id] = w.value;
      if (isLowSampleCount(input.stat, w.count)) lowSamples = true;
    }
    if (!this.expression) return { value: values.m, lowSamples };
    return { value: evaluateExpression(this.expression, values), lowSamples };
  }

  /** Minutes in one period. */
  get period(): number {
    return this.periodMinutes;
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

  /** Whether the evaluation at `t` depends only on data from minute `knownFrom` on. */
  decides(t: number, knownFrom: number): boolean {
    const range: (number | undefined)[] = [];
    for (let k = 0; k < this.props.EvaluationPeriods + EXTRA_EVALUATION_RANGE; k++)
      range.push(this.datapoint(t, k));
    return this.decidesOn(range, t, knownFrom);
  }

  private decidesOn(range: readonly (number | undefined)[], t: number, knownFrom: number): boolean {
    if (t - range.length * this.periodMinutes >= knownFrom) return true;
    const n = this.props.EvaluationPeriods;
    return t - n * this.periodMinutes >= knownFrom && !range.slice(0, n).includes(undefined);
  }

  /**
   * The state after evaluating at time `t`, given the state before. `knownFrom`: the first minute
   * of data (a backtest's export start); nothing is known before it, so an evaluation whose
   * outcome would depend on earlier minutes keeps the current state (INSUFFICIENT_DATA at first).
   * It can decide when its N most recent periods lie inside the data and all have a datapoint:
   * those N decide whatever came before. @default - none: minutes before 0 repeat minute 0
   */
  evaluate(t: number, current: AlarmState, knownFrom?: number): AlarmState {
    const n = this.props.EvaluationPeriods;
    const m = this.props.DatapointsToAlarm;
    const latest = this.read(t, 0);
    if (this.props.EvaluateLowSampleCountPercentile === 'ignore' && latest.lowSamples) return current;
    // Datapoints of the evaluation range, most recent first.
    const range = [latest.value];
    for (let k = 1; k < n + EXTRA_EVALUATION_RANGE; k++) range.push(this.datapoint(t, k));
    if (knownFrom !== undefined && !this.decidesOn(range, t, knownFrom)) return current;
    return decideState(
      range.map((v) => (v === undefined ? undefined : this.breaches(v))),
      n,
      m,
      this.props.TreatMissingData,
      current,
    );
  }
}

/**
 * The documented decision over the evaluation range: `breaching[i]` is whether the datapoint `i`
 * periods before the latest breaches, undefined when it is missing.
 */
export function decideState(
  breaching: readonly (boolean | undefined)[],
  evaluationPeriods: number,
  datapointsToAlarm: number,
  treatMissingData: string,
  current: AlarmState,
): AlarmState {
  const real = breaching.flatMap((b, age) => (b === undefined ? [] : [{ breaches: b, age: age + 1 }]));
  const alarmWhen = (count: number): AlarmState => (count >= datapointsToAlarm ? 'ALARM' : 'OK');
  if (real.length >= evaluationPeriods) {
    return alarmWhen(real.slice(0, evaluationPeriods).filter((r) => r.breaches).length);
  }
  const breachingReal = real.filter((r) => r.breaches).length;
  if (treatMissingData === 'breaching') return alarmWhen(breachingReal + evaluationPeriods - real.length);
  if (treatMissingData === 'notBreaching') return alarmWhen(breachingReal);
  const keep: AlarmState = treatMissingData === 'ignore' ? current : 'INSUFFICIENT_DATA';
  if (real.length === 0) return keep;
  if (breachingReal >= datapointsToAlarm) return 'ALARM';
  const anyNotBreaching = real.some((r) => !r.breaches);
  if (anyNotBreaching) return 'OK';
  // Premature alarm state: the oldest breaching datapoint is at least M periods old and nothing
  // newer is non-breaching; `ignore` keeps its state there instead ("Retain current state").
  const oldest = real.at(-1)?.age ?? 0;
  if (oldest >= datapointsToAlarm) return treatMissingData === 'ignore' ? current : 'ALARM';
  return keep;
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
    return (states.get(m[2] as string) ?? INITIAL_STATE) === m[1];
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
