/**
 * CloudWatch's documented alarm rules, as tests that quote the documentation. Pages:
 * - "Configuring how CloudWatch alarms treat missing data" (CloudWatch user guide, the current
 *   page; the older "Using Amazon CloudWatch alarms" page had a different table, noted below);
 * - "Using metric math" (basic arithmetic, comparison operators, IF expressions, FILL);
 * - "Percentile-based CloudWatch alarms and low data samples".
 * Data points are written as the guide writes them, oldest first and most recent on the right:
 * 0 non-breaching, X breaching, - missing.
 */
import { describe, expect, it } from 'vitest';
import type { MetricAlarmProperties } from '../../../lib/core/catalog/alarm-properties';
import {
  AlarmEvaluator,
  type AlarmState,
  decideState,
  INITIAL_STATE,
} from '../../../lib/core/replay/evaluate';
import { evaluateExpression, parseExpression } from '../../../lib/core/replay/expression';
import { gaugeSamples } from '../../../lib/core/replay/samples';
import { isLowSampleCount, statistic } from '../../../lib/core/replay/statistics';

type Treatment = 'missing' | 'ignore' | 'breaching' | 'notBreaching';
const TREATMENTS: readonly Treatment[] = ['missing', 'ignore', 'breaching', 'notBreaching'];
const RETAIN = 'Retain current state';

/** The guide's notation, most recent on the right, to breaching flags most recent first. */
const flags = (points: string) =>
  points
    .split(' ')
    .reverse()
    .map((p) => (p === '-' ? undefined : p === 'X'));

/** The same data points through a real evaluator: 20 breaches a threshold of 10, 0 does not. */
function evaluatorFor(points: string, n: number, m: number, treatment: Treatment): AlarmEvaluator {
  const values = points.split(' ').map((p) => (p === '-' ? undefined : p === 'X' ? 20 : 0));
  const props: MetricAlarmProperties = {
    AlarmName: 'a',
    AlarmDescription: '',
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    Threshold: 10,
    EvaluationPeriods: n,
    DatapointsToAlarm: m,
    TreatMissingData: treatment,
    ActionsEnabled: true,
    Namespace: 'N',
    MetricName: 'M',
    Statistic: 'Maximum',
    Period: 60,
  };
  // Leading missing minutes keep the evaluation range inside the notation.
  const series = gaugeSamples([...values]);
  return new AlarmEvaluator(props, () => series);
}

function checkRow(points: string, n: number, m: number, expected: readonly string[]) {
  TREATMENTS.forEach((treatment, i) => {
    for (const current of ['OK', 'ALARM'] as const) {
      const want = expected[i] === RETAIN ? current : expected[i];
      expect(
        decideState(flags(points), n, m, treatment, current),
        `${points} ${treatment} from ${current}`,
      ).toBe(want);
      const e = evaluatorFor(points, n, m, treatment);
      expect(e.evaluate(points.split(' ').length, current), `${points} ${treatment} evaluated`).toBe(want);
    }
  });
}

describe('"Configuring how CloudWatch alarms treat missing data"', () => {
  // "In the first table, Datapoints to Alarm and Evaluation Periods are both 3. CloudWatch retrieves
  // the 5 most recent data points when evaluating the alarm ... 5 is the evaluation range for the
  // alarm." Columns: MISSING, IGNORE, BREACHING, NOT BREACHING.
  it.each([
    ['0 - X - X', ['OK', 'OK', 'OK', 'OK']],
    ['0 - - - -', ['OK', 'OK', 'OK', 'OK']],
    ['- - - - -', ['INSUFFICIENT_DATA', RETAIN, 'ALARM', 'OK']],
    ['0 X X - X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['- - X - -', ['ALARM', RETAIN, 'ALARM', 'OK']],
  ])('3 of 3, %s -> %j', (points, expected) => checkRow(points, 3, 3, expected));

  // "In the next table ... Datapoints to Alarm is only 2 while Evaluation Periods is 3. This is a 2
  // out of 3, M out of N alarm."
  it.each([
    ['0 - X - X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['0 0 X 0 X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['0 - X - -', ['OK', 'OK', 'ALARM', 'OK']],
    ['- - - - 0', ['OK', 'OK', 'ALARM', 'OK']],
    ['- - - X -', ['ALARM', RETAIN, 'ALARM', 'OK']],
  ])('2 of 3, %s -> %j', (points, expected) => checkRow(points, 3, 2, expected));

  it('evaluation range: with enough real data points the missing-data setting is not used', () => {
    // "If some data points in the evaluation range are missing, but the total number of existing
    // data points that were successfully retrieved from the evaluation range is equal to or more
    // than the alarm's Evaluation Periods, CloudWatch evaluates the alarm state based on the most
    // recent real data points ... In this case, the value you set for how to treat missing data is
    // not needed and is ignored."
    for (const treatment of TREATMENTS) {
      // The project's own earlier test said `breaching` with 0 0 0 0 X X - goes to ALARM; the most
      // recent three real data points (0 X X) have only two breaching, so the guide says OK.
      expect(evaluatorFor('0 0 0 0 X X -', 3, 3, treatment).evaluate(7, 'OK')).toBe('OK');
      expect(evaluatorFor('X X 0 - -', 3, 3, treatment).evaluate(5, 'ALARM')).toBe('OK');
    }
  });

  it('only as few missing data points as possible are filled in', () => {
    // "CloudWatch fills in the missing data points with the result you specified for how to treat
    // missing data ... However, all real data points in the evaluation range are included in the
    // evaluation. CloudWatch uses missing data points only as few times as possible."
    // 0 - - - - with breaching: one real non-breaching point and two filled breaching ones: OK.
    expect(decideState(flags('0 - - - -'), 3, 3, 'breaching', 'OK')).toBe('OK');
    // Once the 0 leaves the evaluation range, three filled points breach: ALARM ("The next time
    // this alarm is evaluated, if the data is still missing it will go to ALARM").
    expect(decideState(flags('- - - - -'), 3, 3, 'breaching', 'OK')).toBe('ALARM');
  });

  it('premature alarm state', () => {
    // "the alarm does not go immediately into ALARM state when the data is either - - - - X or
    // - - - X - and Datapoints to Alarm is 3."
    expect(decideState(flags('- - - - X'), 3, 3, 'missing', 'OK')).not.toBe('ALARM');
    expect(decideState(flags('- - - X -'), 3, 3, 'missing', 'OK')).not.toBe('ALARM');
    // "if the last few data points are - - X - -, the alarm goes into ALARM state even if missing
    // data points are treated as missing ... the oldest available breaching datapoint during the
    // Evaluation Periods number of data points is at least as old as the value of Datapoints to
    // Alarm, and all other more recent data points are breaching or missing."
    expect(decideState(flags('- - X - -'), 3, 3, 'missing', 'OK')).toBe('ALARM');
    expect(decideState(flags('- - X X -'), 3, 3, 'missing', 'OK')).toBe('ALARM');
    // A more recent non-breaching point (the "- - - X O" the guide names) prevents it.
    expect(decideState(flags('- - X - 0'), 3, 3, 'missing', 'ALARM')).toBe('OK');
    // The current page drops the older page's row "- - - - X | Insufficient data" but does not
    // contradict it: a breaching point too recent for the premature rule decides nothing yet.
    expect(decideState(flags('- - - - X'), 3, 3, 'missing', 'OK')).toBe('INSUFFICIENT_DATA');
    expect(decideState(flags('- - - - X'), 3, 3, 'ignore', 'OK')).toBe('OK');
    // Where the two pages differ, the current one is followed: the older table had
    // "- - - - X | Insufficient data" for 2 of 3, the current one "- - - X - | ALARM" (above).
  });

  it('ignore keeps the current state when the data cannot decide, missing goes to INSUFFICIENT_DATA', () => {
    // "ignore – The current alarm state is maintained"; "missing – If all data points in the alarm
    // evaluation range are missing, the alarm transitions to INSUFFICIENT_DATA."
    for (const current of ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const) {
      expect(
        decideState([undefined, undefined, undefined, undefined, undefined], 3, 3, 'ignore', current),
      ).toBe(current);
      expect(
        decideState([undefined, undefined, undefined, undefined, undefined], 3, 3, 'missing', current),
      ).toBe('INSUFFICIENT_DATA');
    }
  });

  it('a new alarm starts in INSUFFICIENT_DATA', () => {
    // "When you create a CloudWatch alarm, its first state by default is INSUFFICIENT_DATA. It
    // remains in this state until it completes its first evaluation" (AWS knowledge center, "Why
    // is my CloudWatch alarm in INSUFFICIENT_DATA state?").
    expect(INITIAL_STATE).toBe<AlarmState>('INSUFFICIENT_DATA');
  });
});

describe('"Using metric math": missing values', () => {
  const run = (e: string, inputs: Record<string, number | undefined>) =>
    evaluateExpression(parseExpression(e), inputs);
  const series = (e: string, columns: Record<string, (number | undefined)[]>) => {
    const length = Object.values(columns)[0]?.length ?? 0;
    return Array.from({ length }, (_, i) =>
      run(e, Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v[i]]))),
    );
  };

  // "suppose we have two time series: metric1 has values of [30, 20, 0, 0] and metric2 has values
  // of [20, -, 20, -] where - indicates that there is no value for that timestamp." "When
  // comparison operators are used between two time series, and only one of the time series has a
  // value for a particular time stamp, the function treats the missing value in the other time
  // series as 0."
  const comparison = { metric1: [30, 20, 0, 0], metric2: [20, undefined, 20, undefined] };
  it.each([
    ['(metric1 < metric2)', [0, 0, 1, 0]],
    ['(metric1 >= 30)', [1, 0, 0, 0]],
    ['(metric1 > 15 AND metric2 > 15)', [1, 0, 0, 0]],
  ])('%s -> %j', (expression, expected) => {
    expect(series(expression, comparison)).toEqual(expected);
  });

  // "metric1 [1, 1, 0, 0, -], metric2 [30, -, 0, 0, 30], metric3 [0, 0, 20, -, 20]"
  const columns = {
    metric1: [1, 1, 0, 0, undefined],
    metric2: [30, undefined, 0, 0, 30],
    metric3: [0, 0, 20, undefined, 20],
  };
  it.each([
    ['IF(metric1, metric2, metric3)', [30, 0, 20, undefined, undefined]],
    ['IF(metric1, 5, metric3)', [5, 5, 20, undefined, undefined]],
    ['IF(metric1, metric2, 5)', [30, 0, 5, 5, undefined]],
  ])('%s -> %j', (expression, expected) => {
    expect(series(expression, columns)).toEqual(expected);
  });

  it('arithmetic treats a missing value as 0 next to a series that has one, and drops a division by zero', () => {
    // "Missing values in a time series are treated as 0. If the value of a data point causes a
    // function to attempt to divide by zero, the data point is dropped."
    expect(run('a + b', { a: 3, b: undefined })).toBe(3);
    expect(run('a - b', { a: undefined, b: 2 })).toBe(-2);
    expect(run('a + b', { a: undefined, b: undefined })).toBeUndefined();
    expect(run('100 * a', { a: undefined })).toBeUndefined();
    expect(run('errors / requests', { errors: 1, requests: 0 })).toBeUndefined();
    expect(run('errors / requests', { errors: 1, requests: undefined })).toBeUndefined();
    // The queue-stall rule of the catalog: a counter that stops being published reads 0.
    expect(
      run('IF(waiting >= 1 AND admitted < 0.5 * IF(waiting > 600, 600, waiting), 1, 0)', {
        waiting: 20000,
        admitted: undefined,
      }),
    ).toBe(1);
  });

  it('FILL fills the missing values of a time series', () => {
    // "FILL ... Fills the missing values of a time series."
    expect(series('FILL(m1, 10)', { m1: [1, undefined, 3] })).toEqual([1, 10, 3]);
    expect(series('FILL(m1, 0) + m2', { m1: [undefined, 2], m2: [undefined, undefined] })).toEqual([0, 2]);
  });
});

describe('"Percentile-based CloudWatch alarms and low data samples"', () => {
  it('the low-sample threshold is 10 / (1 - p) above the median and 10 / p below it', () => {
    // "For percentiles between 0.5 (inclusive) and 1.00 (exclusive), this setting is used when
    // there are fewer than 10/(1-percentile) data points during the evaluation period. For example,
    // this setting would be used if there were fewer than 1000 samples for an alarm on a p99
    // percentile. For percentiles between 0 and 0.5 (exclusive), the setting is used when there are
    // fewer than 10/percentile data points."
    expect(isLowSampleCount('p99', 999)).toBe(true);
    expect(isLowSampleCount('p99', 1000)).toBe(false);
    expect(isLowSampleCount('p95', 199)).toBe(true);
    expect(isLowSampleCount('p95', 200)).toBe(false);
    expect(isLowSampleCount('p50', 19)).toBe(true);
    expect(isLowSampleCount('p50', 20)).toBe(false);
    expect(isLowSampleCount('p10', 99)).toBe(true);
    expect(isLowSampleCount('p10', 100)).toBe(false);
    expect(isLowSampleCount('p100', 1)).toBe(false);
    expect(isLowSampleCount('Average', 1)).toBe(false);
  });

  it('ignore keeps the state while samples are few; evaluate (the default) decides anyway', () => {
    // "You can choose to have the alarm evaluate the statistic anyway and possibly change the alarm
    // state. Or, you can have the alarm ignore the metric while the sample size is low".
    const few = [{ values: [5000], counts: [3] }];
    const props = (setting?: string): MetricAlarmProperties => ({
      AlarmName: 'p',
      AlarmDescription: '',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1000,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      TreatMissingData: 'missing',
      ActionsEnabled: true,
      Namespace: 'N',
      MetricName: 'Latency',
      ExtendedStatistic: 'p95',
      Period: 60,
      ...(setting ? { EvaluateLowSampleCountPercentile: setting } : {}),
    });
    expect(statistic('p95', few)).toBe(5000);
    expect(new AlarmEvaluator(props('ignore'), () => few).evaluate(1, 'OK')).toBe('OK');
    expect(new AlarmEvaluator(props(), () => few).evaluate(1, 'OK')).toBe('ALARM');
    expect(new AlarmEvaluator(props('evaluate'), () => few).evaluate(1, 'OK')).toBe('ALARM');
  });
});
