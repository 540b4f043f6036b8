import { describe, expect, it } from 'vitest';
import type { MetricAlarmProperties } from '../../../lib/core/catalog/alarm-properties';
import { AlarmEvaluator, type AlarmState, compositeInAlarm } from '../../../lib/core/replay/evaluate';
import { evaluateExpression, parseExpression } from '../../../lib/core/replay/expression';
import { expandSeries } from '../../../lib/core/replay/notation';
import { gaugeSamples, latencySamples, ratioSamples, withNoise } from '../../../lib/core/replay/samples';
import { statistic } from '../../../lib/core/replay/statistics';

describe('series notation (promtool semantics)', () => {
  it.each([
    ['0+10x3', [0, 10, 20, 30]],
    ['5x2', [5, 5, 5]],
    ['10-2x2', [10, 8, 6]],
    ['1 _ 2', [1, undefined, 2]],
    ['_x2 7', [undefined, undefined, 7]],
    ['0.1+0.1x2', [0.1, 0.2, 0.3]],
  ])('%s', (notation, expected) => {
    expect(expandSeries(notation)).toEqual(expected);
  });
  it('names a term it cannot read', () => {
    expect(() => expandSeries('1 two 3')).toThrowError('cannot read series term "two" (term 2 of 3;');
  });
});

describe('statistics from raw samples', () => {
  const minutes = [{ values: [1, 2, 3], counts: [1, 1, 2] }, undefined, { values: [10], counts: [1] }];
  it.each([
    ['Sum', 19],
    ['SampleCount', 5],
    ['Average', 3.8],
    ['Minimum', 1],
    ['Maximum', 10],
    ['p50', 3],
    ['p95', 10],
    ['PR(:3)', 80],
    ['PR(2:10)', 60],
  ])('%s', (stat, expected) => {
    expect(statistic(stat, minutes)).toBeCloseTo(expected as number, 9);
  });
  it('a period without samples has no datapoint (CloudWatch returns none)', () => {
    expect(statistic('Sum', [undefined, undefined])).toBeUndefined();
  });
  it('ratio samples make Average the ratio and Sum the failures', () => {
    const [m] = ratioSamples([0.125], [6600]);
    expect(statistic('Average', [m])).toBeCloseTo(0.125, 3);
    expect(statistic('Sum', [m])).toBe(825);
    expect(statistic('SampleCount', [m])).toBe(6600);
  });
  it.each([1, 2, 3, 5, 19, 20, 21, 100, 6600])(
    'latency samples have exactly the requested P95 with %i samples',
    (n) => {
      const [m] = latencySamples([1500], [n]);
      expect(statistic('p95', [m])).toBe(1500);
      expect(statistic('SampleCount', [m])).toBe(n);
      expect(statistic('Maximum', [m])).toBeLessThanOrEqual(3000);
    },
  );
  it('latency samples spread below and above the P95', () => {
    const [m] = latencySamples([850], [6600]);
    expect(statistic('p50', [m])).toBeGreaterThan(850 / 10);
    expect(statistic('p50', [m])).toBeLessThan(850 / 2);
    expect(statistic('PR(:100)', [m])).toBeLessThan(50);
    expect(latencySamples([850, undefined, 850], [10, 10, 0])).toEqual([
      expect.anything(),
      undefined,
      undefined,
    ]);
  });
  it('noise is deterministic per seed and bounded', () => {
    const a = withNoise([100, 100, 100], 0.1, 'x');
    expect(a).toEqual(withNoise([100, 100, 100], 0.1, 'x'));
    for (const v of a) expect(Math.abs((v as number) - 100)).toBeLessThanOrEqual(10);
  });
});

describe('metric math', () => {
  const run = (e: string, inputs: Record<string, number | undefined>) =>
    evaluateExpression(parseExpression(e), inputs);
  it('evaluates the expressions our alarms use', () => {
    expect(run('IF(requests >= 20, 100 * errorRatio, 0)', { requests: 30, errorRatio: 0.1 })).toBe(10);
    expect(run('IF(requests >= 20, 100 * errorRatio, 0)', { requests: 5, errorRatio: 1 })).toBe(0);
    expect(run('IF(health == 3, 1, 0)', { health: 3 })).toBe(1);
    expect(
      run('IF(waiting >= 1 AND admitted < 0.5 * IF(waiting > 600, 600, waiting), 1, 0)', {
        waiting: 9000,
        admitted: 12,
      }),
    ).toBe(1);
    expect(run('(a + b) / 2 - -1', { a: 1, b: 3 })).toBe(3);
  });
  it('a division by zero gives no datapoint', () => {
    expect(run('100 * errors / requests', { errors: 0, requests: 0 })).toBeUndefined();
    expect(run('a / 0', { a: 1 })).toBeUndefined();
  });
  it('comparisons, logic and negation', () => {
    expect(run('a == 1', { a: 1 })).toBe(1);
    expect(run('a != 1', { a: 1 })).toBe(0);
    expect(run('a <= 1', { a: 2 })).toBe(0);
    expect(run('a > 1', { a: 2 })).toBe(1);
    expect(run('a < 1 OR a > 5', { a: 6 })).toBe(1);
    expect(run('a > 1 && a < 5', { a: 6 })).toBe(0);
    expect(run('NOT a', { a: 0 })).toBe(1);
    expect(run('NOT a', { a: 3 })).toBe(0);
    expect(run('-a', { a: undefined })).toBeUndefined();
    expect(run('2 * 3 - 4 / 2', {})).toBe(4);
  });
  it('rejects what it cannot read', () => {
    expect(() => parseExpression('RATE(m1)')).toThrowError(/expected/);
    expect(() => run('x + 1', {})).toThrowError('expression uses unknown id "x"');
  });
});

const alarm = (overrides: Partial<MetricAlarmProperties>): MetricAlarmProperties => ({
  AlarmName: 'a',
  AlarmDescription: '',
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  Threshold: 10,
  EvaluationPeriods: 3,
  DatapointsToAlarm: 2,
  TreatMissingData: 'missing',
  ActionsEnabled: true,
  Namespace: 'N',
  MetricName: 'M',
  Statistic: 'Maximum',
  Period: 60,
  ...overrides,
});
const evaluator = (notation: string, overrides: Partial<MetricAlarmProperties> = {}) =>
  new AlarmEvaluator(alarm(overrides), () => gaugeSamples(expandSeries(notation)));
/** State at evaluation time t (the datapoints of minutes t-1, t-2, ...). */
const stateAt = (e: AlarmEvaluator, t: number, current: AlarmState = 'OK') => e.evaluate(t, current);

describe('alarm evaluation (CloudWatch rules)', () => {
  it('M of N: 2 of 3 breaching datapoints alarm, 1 does not', () => {
    expect(stateAt(evaluator('0 20 0 20'), 4)).toBe('ALARM');
    expect(stateAt(evaluator('0 0 0 20'), 4)).toBe('OK');
  });

  it('a period of 1 h evaluated every minute is a rolling hour', () => {
    const e = evaluator('0x59 100 0x60', {
      Statistic: 'Average',
      Period: 3600,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      Threshold: 1,
    });
    // 100 in one minute of 60 averages to 1.67 for exactly the 60 evaluations whose hour contains it.
    const alarmed = Array.from({ length: 121 }, (_, t) => t).filter(
      (t) => t > 0 && stateAt(e, t) === 'ALARM',
    );
    expect(alarmed[0]).toBe(61);
    expect(alarmed.at(-1)).toBe(120);
    expect(alarmed).toHaveLength(60);
  });

  it.each([
    ['GreaterThanOrEqualToThreshold', '10 10', 'ALARM', '9 9'],
    ['GreaterThanThreshold', '11 11', 'ALARM', '10 10'],
    ['LessThanThreshold', '9 9', 'ALARM', '10 10'],
    ['LessThanOrEqualToThreshold', '10 10', 'ALARM', '11 11'],
  ] as const)('%s: %s alarms, %s does not', (comparison, breaching, _state, ok) => {
    const props = { ComparisonOperator: comparison, EvaluationPeriods: 2, DatapointsToAlarm: 2 };
    expect(stateAt(evaluator(breaching, props), 2)).toBe('ALARM');
    expect(stateAt(evaluator(ok, props), 2)).toBe('OK');
  });

  it('an unknown comparison is an error, not a silent OK', () => {
    expect(() => stateAt(evaluator('1', { ComparisonOperator: 'Between' }), 1)).toThrowError(
      'comparison Between is not supported',
    );
  });

  it('M of N looks at exactly N datapoints: an older breach outside the window does not count', () => {
    const props = { EvaluationPeriods: 3, DatapointsToAlarm: 2 };
    // 20 0 20 0 0: at t=5 the last three are 20 0 0 (one breach): OK; at t=3 they are 20 0 20: ALARM.
    expect(stateAt(evaluator('20 0 20 0 0', props), 3)).toBe('ALARM');
    expect(stateAt(evaluator('20 0 20 0 0', props), 5)).toBe('OK');
    expect(stateAt(evaluator('20 0 20 0 0', props), 4)).toBe('OK');
  });

  it('ingestion delay hides the newest minutes: a breach is seen delay minutes later', () => {
    const props = { EvaluationPeriods: 1, DatapointsToAlarm: 1 };
    const delayed = new AlarmEvaluator(
      alarm(props),
      () => gaugeSamples(expandSeries('0 0 20 0 0')),
      () => 2,
    );
    // Minute 2 breaches; without delay it is the datapoint at t=3, with 2 minutes of delay at t=5.
    expect(stateAt(evaluator('0 0 20 0 0', props), 3)).toBe('ALARM');
    expect(stateAt(delayed, 3)).toBe('OK');
    expect(stateAt(delayed, 5)).toBe('ALARM');
    expect(delayed.datapoint(5, 0)).toBeUndefined();
    expect(delayed.datapoint(5, 2)).toBe(20);
  });

  it('a metric math alarm reads every input and evaluates the returned expression', () => {
    const props = alarm({
      Namespace: undefined,
      MetricName: undefined,
      Statistic: undefined,
      Period: undefined,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      Threshold: 5,
      Metrics: [
        { Id: 'e', Expression: 'a + b', ReturnData: true },
        {
          Id: 'a',
          ReturnData: false,
          MetricStat: { Metric: { Namespace: 'N', MetricName: 'A' }, Period: 60, Stat: 'Sum' },
        },
        {
          Id: 'b',
          ReturnData: false,
          MetricStat: { Metric: { Namespace: 'N', MetricName: 'B' }, Period: 60, Stat: 'Sum' },
        },
      ],
    });
    const e = new AlarmEvaluator(props, (m) =>
      gaugeSamples(expandSeries(m.metricName === 'A' ? '2 2' : '1 4')),
    );
    expect(e.datapoint(1, 0)).toBe(3);
    expect(stateAt(e, 1)).toBe('OK');
    expect(stateAt(e, 2)).toBe('ALARM');
    expect(
      () => new AlarmEvaluator({ ...props, Metrics: props.Metrics?.slice(1) }, () => undefined),
    ).toThrowError('a: no returned expression');
  });

  it('composite rules combine child states', () => {
    const props = {
      AlarmName: 'c',
      AlarmDescription: '',
      ActionsEnabled: true,
      AlarmRule: '((ALARM("a") AND ALARM("b")) OR (ALARM("c") AND NOT OK("d")))',
    };
    const states = (entries: Record<string, AlarmState>) => new Map(Object.entries(entries));
    expect(compositeInAlarm(props, states({ a: 'ALARM', b: 'ALARM', c: 'OK', d: 'OK' }))).toBe(true);
    expect(compositeInAlarm(props, states({ a: 'ALARM', b: 'OK', c: 'ALARM', d: 'OK' }))).toBe(false);
    expect(compositeInAlarm(props, states({ a: 'OK', b: 'OK', c: 'ALARM', d: 'INSUFFICIENT_DATA' }))).toBe(
      true,
    );
  });
});
