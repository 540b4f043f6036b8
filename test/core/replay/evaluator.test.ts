/** The evaluator's plumbing: which metric it asks for, window statistics, composite rules. */
import { describe, expect, it } from 'vitest';
import type { MetricAlarmProperties } from '../../../lib/core/catalog/alarm-properties';
import {
  AlarmEvaluator,
  type AlarmState,
  compositeInAlarm,
  decideState,
  type MetricRequest,
} from '../../../lib/core/replay/evaluate';
import { expandSeries } from '../../../lib/core/replay/notation';
import { gaugeSamples, type SampleSeries } from '../../../lib/core/replay/samples';
import { isLowSampleCount, statistic } from '../../../lib/core/replay/statistics';

const base: MetricAlarmProperties = {
  AlarmName: 'a',
  AlarmDescription: '',
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  Threshold: 10,
  EvaluationPeriods: 1,
  DatapointsToAlarm: 1,
  TreatMissingData: 'missing',
  ActionsEnabled: true,
};

describe('what the evaluator asks for', () => {
  it('a single-metric alarm asks for its namespace, name, dimensions, statistic and period', () => {
    const asked: MetricRequest[] = [];
    new AlarmEvaluator(
      {
        ...base,
        Namespace: 'AWS/RDS',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'db1' }],
        Statistic: 'Average',
        Period: 300,
      },
      (m) => {
        asked.push(m);
        return undefined;
      },
    );
    expect(asked).toEqual([
      {
        namespace: 'AWS/RDS',
        metricName: 'CPUUtilization',
        dimensions: { DBInstanceIdentifier: 'db1' },
        statistic: 'Average',
        periodSeconds: 300,
      },
    ]);
  });

  it('an extended statistic is asked for as it is; no dimensions are an empty map', () => {
    const asked: MetricRequest[] = [];
    new AlarmEvaluator(
      { ...base, Namespace: 'N', MetricName: 'L', ExtendedStatistic: 'p95', Period: 60 },
      (m) => {
        asked.push(m);
        return undefined;
      },
    );
    expect(asked[0]).toMatchObject({ statistic: 'p95' });
    expect(asked[0]?.dimensions).toEqual({});
  });

  it('a math alarm asks for each MetricStat and passes each namespace to the ingestion delay', () => {
    const asked: MetricRequest[] = [];
    const delays: string[] = [];
    new AlarmEvaluator(
      {
        ...base,
        Metrics: [
          { Id: 'e', Expression: 'a', ReturnData: true },
          {
            Id: 'a',
            ReturnData: false,
            MetricStat: {
              Metric: { Namespace: 'X', MetricName: 'A', Dimensions: [{ Name: 'k', Value: 'v' }] },
              Period: 120,
              Stat: 'Sum',
            },
          },
        ],
      },
      (m) => {
        asked.push(m);
        return undefined;
      },
      (ns) => {
        delays.push(ns);
        return 0;
      },
    );
    expect(asked).toEqual([
      { namespace: 'X', metricName: 'A', dimensions: { k: 'v' }, statistic: 'Sum', periodSeconds: 120 },
    ]);
    expect(delays).toEqual(['X']);
  });
});

const evaluatorOf = (samples: SampleSeries, props: Partial<MetricAlarmProperties>) =>
  new AlarmEvaluator({ ...base, Namespace: 'N', MetricName: 'M', Period: 60, ...props }, () => samples);

describe('window statistics', () => {
  const minutes: SampleSeries = [
    { values: [1, 3], counts: [1, 1] },
    { values: [10], counts: [2] },
    undefined,
    { values: [4], counts: [1] },
  ];

  it.each([
    ['Sum', 28],
    ['SampleCount', 5],
    ['Average', 28 / 5],
    ['Minimum', 1],
    ['Maximum', 10],
    ['p50', 4],
  ])('%s over a 4-minute period', (stat, expected) => {
    const e = evaluatorOf(minutes, { Statistic: stat, Period: 240 });
    expect(e.datapoint(4, 0)).toBeCloseTo(expected, 9);
  });

  it.each([
    ['Sum', 8],
    ['SampleCount', 4],
    ['Maximum', 3],
    ['Minimum', 1],
  ])('%s of a period reaching before the data repeats minute 0', (stat, expected) => {
    // Period [-1, 1): minute 0 twice.
    const e = evaluatorOf(minutes, { Statistic: stat, Period: 120 });
    expect(e.datapoint(1, 0)).toBe(expected);
  });

  it('a period entirely before the data is minute 0 repeated; one after it has no datapoint', () => {
    const e = evaluatorOf(minutes, { Statistic: 'Sum', Period: 60 });
    expect(e.datapoint(0, 0)).toBe(4);
    expect(e.datapoint(-3, 0)).toBe(4);
    expect(e.datapoint(3, 0)).toBeUndefined();
    expect(e.datapoint(9, 0)).toBeUndefined();
    expect(e.datapoint(4, 0)).toBe(4);
    expect(e.datapoint(4, 1)).toBeUndefined();
    expect(e.datapoint(4, 2)).toBe(20);
  });

  it('a metric never published has no datapoints', () => {
    const e = new AlarmEvaluator(
      { ...base, Namespace: 'N', MetricName: 'M', Statistic: 'Sum', Period: 60 },
      () => undefined,
    );
    expect(e.datapoint(3, 0)).toBeUndefined();
    expect(e.evaluate(3, 'OK')).toBe('INSUFFICIENT_DATA');
  });

  it('a 5-minute period reads the five minutes before the evaluation time', () => {
    const e = evaluatorOf(gaugeSamples(expandSeries('1 2 3 4 5 6 7 8 9 10')), {
      Statistic: 'Sum',
      Period: 300,
    });
    expect(e.datapoint(10, 0)).toBe(6 + 7 + 8 + 9 + 10);
    expect(e.datapoint(10, 1)).toBe(1 + 2 + 3 + 4 + 5);
    expect(e.datapoint(7, 0)).toBe(3 + 4 + 5 + 6 + 7);
  });

  it('low-sample percentiles keep the state only with ignore, and only while the latest period is low', () => {
    const many = { values: [5000], counts: [500] };
    const few = { values: [5000], counts: [3] };
    const e = evaluatorOf([few, many], {
      ExtendedStatistic: 'p95',
      EvaluateLowSampleCountPercentile: 'ignore',
    });
    expect(e.evaluate(1, 'OK')).toBe('OK');
    expect(e.evaluate(2, 'OK')).toBe('ALARM');
    const notPercentile = evaluatorOf([few], {
      Statistic: 'Maximum',
      EvaluateLowSampleCountPercentile: 'ignore',
    });
    expect(notPercentile.evaluate(1, 'OK')).toBe('ALARM');
  });

  it('ingestion delay per input: a delayed input of a math alarm is missing, the other is not', () => {
    const e = new AlarmEvaluator(
      {
        ...base,
        Threshold: 1,
        Metrics: [
          { Id: 'e', Expression: 'fast + slow', ReturnData: true },
          {
            Id: 'fast',
            ReturnData: false,
            MetricStat: { Metric: { Namespace: 'F', MetricName: 'A' }, Period: 60, Stat: 'Sum' },
          },
          {
            Id: 'slow',
            ReturnData: false,
            MetricStat: { Metric: { Namespace: 'S', MetricName: 'B' }, Period: 60, Stat: 'Sum' },
          },
        ],
      },
      (m) => gaugeSamples(expandSeries(m.namespace === 'F' ? '1 1 1' : '10 10 10')),
      (ns) => (ns === 'S' ? 1 : 0),
    );
    expect(e.datapoint(3, 0)).toBe(1);
    expect(e.datapoint(3, 1)).toBe(11);
  });
});

describe('what an alarm reads, by its properties', () => {
  it('an alarm with neither Statistic nor ExtendedStatistic reads the Average', () => {
    const asked: MetricRequest[] = [];
    new AlarmEvaluator({ ...base, Namespace: 'N', MetricName: 'M', Period: 60 }, (m) => {
      asked.push(m);
      return undefined;
    });
    expect(asked[0]?.statistic).toBe('Average');
  });

  it('a math alarm evaluates over the period of its metrics', () => {
    const e = new AlarmEvaluator(
      {
        ...base,
        Metrics: [
          {
            Id: 'x',
            ReturnData: false,
            MetricStat: { Metric: { Namespace: 'N', MetricName: 'M' }, Period: 300, Stat: 'Sum' },
          },
          { Id: 'e', ReturnData: true, Expression: 'x * 2' },
        ],
      } as MetricAlarmProperties,
      () => gaugeSamples(expandSeries('1 1 1 1 1 2 2 2 2 2')),
    );
    expect(e.period).toBe(5);
    expect(e.datapoint(10, 0)).toBe(20);
    expect(e.datapoint(10, 1)).toBe(10);
  });

  it('a percentile period that reaches before the data counts the repeated first minute as samples', () => {
    // 5-minute p95 with `ignore`: minute 0 has 5 samples; at t = 1 the period [-4, 1) holds 25,
    // enough (10 / (1 - 0.95) = 200 is not), so compare with 50 samples a minute: 250 >= 200 decides.
    const few = evaluatorOf([{ values: [5000], counts: [5] }], {
      ExtendedStatistic: 'p95',
      Period: 300,
      EvaluateLowSampleCountPercentile: 'ignore',
    });
    expect(few.evaluate(1, 'OK')).toBe('OK');
    const many = evaluatorOf([{ values: [5000], counts: [50] }], {
      ExtendedStatistic: 'p95',
      Period: 300,
      EvaluateLowSampleCountPercentile: 'ignore',
    });
    expect(many.evaluate(1, 'OK')).toBe('ALARM');
  });

  it('a percentile period with a minute missing counts only the minutes that have samples', () => {
    const period = (counts: number) =>
      evaluatorOf([{ values: [5000], counts: [150] }, undefined, { values: [5000], counts: [counts] }], {
        ExtendedStatistic: 'p95',
        Period: 180,
        EvaluateLowSampleCountPercentile: 'ignore',
      });
    // [0, 3) holds 150 + 60 = 210 samples, enough to decide; 150 + 40 = 190 is under 200 and keeps OK.
    expect(period(60).evaluate(3, 'OK')).toBe('ALARM');
    expect(period(40).evaluate(3, 'OK')).toBe('OK');
  });

  it('a percentile with no data is low on samples and keeps its state under `ignore`', () => {
    const e = new AlarmEvaluator(
      {
        ...base,
        Namespace: 'N',
        MetricName: 'M',
        Period: 60,
        ExtendedStatistic: 'p95',
        EvaluateLowSampleCountPercentile: 'ignore',
      },
      () => undefined,
    );
    expect(e.evaluate(3, 'ALARM')).toBe('ALARM');
  });
});

describe('M of N with missing data', () => {
  it('2 of 4 alarms on two breaching datapoints even when a third is OK and the rest are missing', () => {
    // Fewer than N real datapoints: `missing` decides on the real ones, and 2 breaching reach M.
    expect(decideState([true, true, false, undefined, undefined, undefined], 4, 2, 'missing', 'OK')).toBe(
      'ALARM',
    );
    expect(
      decideState([true, false, undefined, undefined, undefined, undefined], 4, 2, 'missing', 'ALARM'),
    ).toBe('OK');
  });
});

describe('nothing known before the data (a backtest export, knownFrom)', () => {
  const props = { Statistic: 'Maximum', EvaluationPeriods: 3, DatapointsToAlarm: 3 } as const;

  it('without it, minutes before the data repeat the first minute and decide at once', () => {
    const e = evaluatorOf(gaugeSamples(expandSeries('20 20 20 20 20')), props);
    expect(e.evaluate(1, 'INSUFFICIENT_DATA')).toBe('ALARM');
  });

  it('with it, the state is kept until the N most recent periods lie inside the data and are real', () => {
    const e = evaluatorOf(gaugeSamples(expandSeries('20 20 20 20 20')), props);
    expect([1, 2].map((t) => e.evaluate(t, 'INSUFFICIENT_DATA', 0))).toEqual([
      'INSUFFICIENT_DATA',
      'INSUFFICIENT_DATA',
    ]);
    expect(e.decides(2, 0)).toBe(false);
    expect(e.decides(3, 0)).toBe(true);
    expect(e.evaluate(3, 'INSUFFICIENT_DATA', 0)).toBe('ALARM');
    // A data start later than 0 counts from there.
    expect(e.decides(3, 1)).toBe(false);
    expect(e.evaluate(4, 'OK', 1)).toBe('ALARM');
  });

  it('a missing recent datapoint needs the whole evaluation range (N + 2) inside the data', () => {
    const e = evaluatorOf(gaugeSamples(expandSeries('20 _ 20 20 20 20')), {
      ...props,
      TreatMissingData: 'breaching',
    });
    expect([3, 4].map((t) => e.decides(t, 0))).toEqual([false, false]);
    expect(e.evaluate(4, 'OK', 0)).toBe('OK');
    expect(e.decides(5, 0)).toBe(true);
    expect(e.evaluate(5, 'OK', 0)).toBe('ALARM');
  });

  it('the whole range inside the data decides even with a recent datapoint missing', () => {
    const e = evaluatorOf(gaugeSamples(expandSeries('20 20 20 20 _ 20')), props);
    expect(e.decides(5, 0)).toBe(true);
    expect(e.decides(5, 1)).toBe(false);
  });

  it('N recent real datapoints decide even when an older one inside the range is missing', () => {
    const e = evaluatorOf(gaugeSamples(expandSeries('_ 20 20 20 20')), props);
    expect(e.decides(4, 1)).toBe(true);
    expect(e.evaluate(4, 'INSUFFICIENT_DATA', 1)).toBe('ALARM');
  });

  it('counts periods, not minutes', () => {
    const e = evaluatorOf(gaugeSamples(expandSeries('20x20')), {
      ...props,
      Period: 300,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
    });
    expect(e.period).toBe(5);
    expect(e.decides(4, 0)).toBe(false);
    expect(e.decides(5, 0)).toBe(true);
  });
});

describe('composite rules', () => {
  const rule = (AlarmRule: string) => ({
    AlarmName: 'c',
    AlarmDescription: '',
    ActionsEnabled: true,
    AlarmRule,
  });
  const states = (entries: Record<string, AlarmState>) => new Map(Object.entries(entries));

  it.each([
    ['ALARM("a") AND ALARM("b")', { a: 'ALARM', b: 'OK' }, false],
    ['ALARM("a") AND ALARM("b")', { a: 'ALARM', b: 'ALARM' }, true],
    ['ALARM("a") OR ALARM("b")', { a: 'OK', b: 'ALARM' }, true],
    ['ALARM("a") OR ALARM("b")', { a: 'OK', b: 'OK' }, false],
    ['NOT ALARM("a")', { a: 'OK' }, true],
    ['NOT ALARM("a")', { a: 'ALARM' }, false],
    ['OK("a")', { a: 'OK' }, true],
    ['INSUFFICIENT_DATA("a")', {}, true],
    ['INSUFFICIENT_DATA("a")', { a: 'OK' }, false],
    ['TRUE', {}, true],
    ['FALSE', {}, false],
    ['ALARM("a") OR ALARM("b") AND ALARM("c")', { a: 'ALARM', b: 'OK', c: 'OK' }, true],
    ['(ALARM("a") OR ALARM("b")) AND ALARM("c")', { a: 'ALARM', b: 'OK', c: 'OK' }, false],
    ['(ALARM("a") OR ALARM("b")) AND ALARM("c")', { a: 'OK', b: 'ALARM', c: 'ALARM' }, true],
  ] as const)('%s with %j is %s', (text, s, expected) => {
    expect(compositeInAlarm(rule(text), states(s as Record<string, AlarmState>))).toBe(expected);
  });

  it("reads the stack's real alarm names, quotes and dashes included", () => {
    const names = {
      'ops-example-prod-P0-service-down': 'ALARM',
      'ops-example-prod-P1-api-error-rate': 'OK',
    } as const;
    expect(
      compositeInAlarm(
        rule('ALARM("ops-example-prod-P0-service-down") AND NOT ALARM("ops-example-prod-P1-api-error-rate")'),
        states(names),
      ),
    ).toBe(true);
    expect(compositeInAlarm(rule('ALARM("ops-example-prod-P1-api-error-rate")'), states(names))).toBe(false);
  });

  it('a rule it cannot read is an error', () => {
    expect(() => compositeInAlarm(rule('ALARM(a)'), states({}))).toThrowError(
      'cannot read composite rule ALARM(a)',
    );
  });
});

describe('statistics edge cases', () => {
  it('ignores buckets without samples, reads open percentile-rank bounds and rejects the unknown', () => {
    const m = [{ values: [5, 50, 500], counts: [2, 0, 2] }];
    expect(statistic('Minimum', m)).toBe(5);
    expect(statistic('Maximum', m)).toBe(500);
    expect(statistic('SampleCount', m)).toBe(4);
    expect(statistic('PR(10:)', m)).toBe(50);
    expect(statistic('PR(:5)', m)).toBe(50);
    expect(statistic('PR(5:500)', m)).toBe(50);
    expect(statistic('p25', m)).toBe(5);
    expect(statistic('p50', m)).toBe(5);
    expect(statistic('p51', m)).toBe(500);
    expect(statistic('p99.9', m)).toBe(500);
    expect(() => statistic('TM(10%:90%)', m)).toThrowError('statistic "TM(10%:90%)" is not supported');
    expect(statistic('p50', [{ values: [-3, -1], counts: [1, 1] }])).toBe(-3);
    expect(statistic('Maximum', [{ values: [-3, -1], counts: [1, 1] }])).toBe(-1);
    expect(statistic('Minimum', [{ values: [3, 1], counts: [1, 1] }])).toBe(1);
  });

  it('a value with no samples is no extreme, and an open lower rank bound takes negatives', () => {
    expect(statistic('Maximum', [{ values: [1, 1000], counts: [1, 0] }])).toBe(1);
    expect(statistic('Minimum', [{ values: [-1000, 1], counts: [0, 1] }])).toBe(1);
    expect(statistic('PR(:0)', [{ values: [-3, -1], counts: [1, 1] }])).toBe(100);
  });

  it('percentile names: decimals read whole, anything around the name is refused', () => {
    const m = [{ values: [1, 2], counts: [9995, 5] }];
    expect(statistic('p99.95', m)).toBe(1);
    expect(statistic('p99.96', m)).toBe(2);
    for (const name of ['xp95', 'p95x', 'xPR(1:2)', 'PR(1:2)x']) {
      expect(() => statistic(name, m), name).toThrowError(`statistic "${name}" is not supported`);
    }
    // Low-sample rule: 10 / (1 - p) for p99.95 is 20,000 samples (in floating point a hair above); p0 has no rule.
    expect(isLowSampleCount('p99.95', 19_999)).toBe(true);
    expect(isLowSampleCount('p99.95', 20_001)).toBe(false);
    expect(isLowSampleCount('p0', 1)).toBe(false);
    expect(isLowSampleCount('p95x', 1)).toBe(false);
    expect(isLowSampleCount('xp95', 1)).toBe(false);
  });
});
