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
    expect(() => expandSeries('1 two 3')).toThrowError('cannot read series term "two"');
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
  it('latency samples have the requested P95', () => {
    const [m] = latencySamples([850], [6600]);
    expect(statistic('p95', [m])).toBeGreaterThan(800);
    expect(statistic('p95', [m])).toBeLessThan(900);
    expect(statistic('PR(:100)', [m])).toBeLessThan(50);
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
  it('a missing input or a division by zero gives no datapoint', () => {
    expect(run('100 * errors / requests', { errors: 1, requests: undefined })).toBeUndefined();
    expect(run('100 * errors / requests', { errors: 0, requests: 0 })).toBeUndefined();
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

  // CloudWatch docs, "Configuring how CloudWatch alarms treat missing data": 3 of 3 examples.
  const threeOfThree = { EvaluationPeriods: 3, DatapointsToAlarm: 3 };
  // Five leading minutes keep the wider evaluation range of `missing` and `ignore` inside the data.
  it.each([
    ['breaching', '0x4 20 20 _', 'OK', 'ALARM'],
    ['notBreaching', '0x4 20 20 _', 'OK', 'OK'],
    ['missing', '0x4 20 20 _', 'OK', 'OK'],
    ['ignore', '0x4 20 20 _', 'OK', 'OK'],
    ['breaching', '_x7', 'OK', 'ALARM'],
    ['notBreaching', '_x7', 'ALARM', 'OK'],
    ['missing', '_x7', 'OK', 'INSUFFICIENT_DATA'],
    ['ignore', '_x7', 'ALARM', 'ALARM'],
    ['ignore', '_x7', 'OK', 'OK'],
    ['missing', '0x4 20 20 20 _ _', 'OK', 'ALARM'],
    ['missing', '0x4 0 20 _ _ 20', 'OK', 'OK'],
  ] as const)('missing data %s with %s (state %s) -> %s', (treatment, notation, current, expected) => {
    const e = evaluator(notation, { TreatMissingData: treatment, ...threeOfThree });
    expect(stateAt(e, expandSeries(notation).length, current)).toBe(expected);
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
