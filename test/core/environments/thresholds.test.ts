/**
 * Threshold ranges by unit. CloudWatch compares "the specified statistic value" with the threshold
 * by the alarm's ComparisonOperator (PutMetricAlarm API reference); a threshold that every value
 * of the metric satisfies keeps the alarm in ALARM, one that no value satisfies never fires.
 */
import { describe, expect, it } from 'vitest';
import { thresholdRangeProblem, UNIT_RANGES } from '../../../lib/core/environments/thresholds';
import { exampleRaw, problemsOf } from '../../helpers/synth';

const never = (t: string, op: string, what = 'a percentage (0-100)') =>
  `value ${op} ${t} can never be true for ${what}: the alarm would never fire`;
const always = (t: string, op: string, what = 'a percentage (0-100)') =>
  `value ${op} ${t} is always true for ${what}: the alarm would always be in ALARM`;

describe('thresholdRangeProblem: a percentage, 0 to 100, at both ends of each comparison', () => {
  // Per comparison: two thresholds that fire and clear, one no value reaches, one every value reaches.
  const ends = [
    // value >= t fires when t <= 100 and clears when t > 0.
    ['GreaterThanOrEqualToThreshold', '>=', [100, 0.01], 100.5, 0],
    // value > t fires when t < 100 and clears when t >= 0.
    ['GreaterThanThreshold', '>', [99.9, 0], 100, -0.5],
    // value < t fires when t > 0 and clears when t <= 100.
    ['LessThanThreshold', '<', [0.1, 100], 0, 100.5],
    // value <= t fires when t >= 0 and clears when t < 100.
    ['LessThanOrEqualToThreshold', '<=', [0, 99.9], -0.5, 100],
  ] as const;

  it.each(ends)('%s (%s)', (comparison, op, fine, unreachable, certain) => {
    for (const t of fine) expect(thresholdRangeProblem(t, '%', comparison)).toBeUndefined();
    expect(thresholdRangeProblem(unreachable, '%', comparison)).toBe(never(String(unreachable), op));
    expect(thresholdRangeProblem(certain, '%', comparison)).toBe(always(String(certain), op));
  });

  it('refuses a threshold that is not a finite number, naming the unit', () => {
    expect(thresholdRangeProblem(Number.POSITIVE_INFINITY, 'ms', 'GreaterThanThreshold')).toBe(
      'expected a finite number (the metric is milliseconds (0 or more))',
    );
    expect(thresholdRangeProblem(Number.NaN, 'count', 'LessThanThreshold')).toBe(
      'expected a finite number (the metric is a count (0 or more))',
    );
  });
});

describe('thresholdRangeProblem: the other units', () => {
  it('counts and milliseconds have no upper end', () => {
    expect(thresholdRangeProblem(1e9, 'count', 'GreaterThanThreshold')).toBeUndefined();
    expect(thresholdRangeProblem(0, 'count', 'GreaterThanOrEqualToThreshold')).toBe(
      always('0', '>=', 'a count (0 or more)'),
    );
    expect(thresholdRangeProblem(5000, 'ms', 'GreaterThanThreshold')).toBeUndefined();
  });

  it('a flag is 0 or 1, a health state 0 (up) to 4 (unreachable)', () => {
    expect(UNIT_RANGES.flag).toEqual({ low: 0, high: 1, what: 'a flag (0 or 1)' });
    expect(UNIT_RANGES.state).toEqual({ low: 0, high: 4, what: 'a health state (0-4)' });
    expect(thresholdRangeProblem(1, 'flag', 'GreaterThanOrEqualToThreshold')).toBeUndefined();
    expect(thresholdRangeProblem(1, 'flag', 'GreaterThanThreshold')).toBe(never('1', '>', 'a flag (0 or 1)'));
    expect(thresholdRangeProblem(4, 'state', 'GreaterThanOrEqualToThreshold')).toBeUndefined();
    expect(thresholdRangeProblem(5, 'state', 'GreaterThanOrEqualToThreshold')).toBe(
      never('5', '>=', 'a health state (0-4)'),
    );
  });
});

describe('checkThresholds over a config', () => {
  const withThresholds = (thresholds: Record<string, number>, slo: Record<string, unknown> = {}) => {
    const raw = exampleRaw('example-prod') as { slo: Record<string, unknown> };
    return problemsOf({ ...raw, profile: 'standard', thresholds, slo: { ...raw.slo, ...slo } }, 'prod');
  };

  it('an overridden threshold out of its unit names its own key', () => {
    expect(withThresholds({ 'rds-cpu-high': 101 })).toEqual([
      `thresholds.rds-cpu-high: ${never('101', '>=')}`,
    ]);
  });

  it('a signal this environment does not alarm on still gets its unit range', () => {
    // example-prod names no Auto Scaling group, so capacity-ec2-cpu is not resolved.
    expect(withThresholds({ 'capacity-ec2-cpu': 150, 'paging-dead-letters': -1 })).toEqual([
      'thresholds.capacity-ec2-cpu: expected a percentage (0-100) (got 150)',
      'thresholds.paging-dead-letters: expected a count (0 or more) (got -1)',
    ]);
    expect(withThresholds({ 'capacity-ec2-cpu': 100, 'paging-dead-letters': 0 })).toEqual([]);
  });

  it('with precise alerting a burn-rate window and its short window share one threshold', () => {
    expect(withThresholds({ 'slo-burn-1h-short': 5 }, { precise: true })).toEqual([
      'thresholds.slo-burn-1h-short: the short window confirms slo-burn-1h at the same error ratio: set slo-burn-1h and slo-burn-1h-short to the same value (got 7.2 and 5)',
    ]);
    expect(withThresholds({ 'slo-burn-1h': 5 }, { precise: true })).toContain(
      'thresholds.slo-burn-1h: the short window confirms slo-burn-1h at the same error ratio: set slo-burn-1h and slo-burn-1h-short to the same value (got 5 and 7.2)',
    );
    expect(withThresholds({ 'slo-burn-1h': 5, 'slo-burn-1h-short': 5 }, { precise: true })).toEqual([]);
    // Without precise alerting there is no short window to disagree with.
    expect(withThresholds({ 'slo-burn-1h-short': 5 })).toEqual([]);
  });

  it('a longer window never alarms at a higher error ratio than the shorter one', () => {
    expect(withThresholds({ 'slo-burn-6h': 8 })).toEqual([
      'thresholds.slo-burn-6h: slo-burn-6h (8%) must not be above slo-burn-1h (7.2%): a longer window alarms at a lower burn rate',
    ]);
    expect(withThresholds({ 'slo-burn-1h': 2 })).toEqual([
      'thresholds.slo-burn-1h: slo-burn-6h (3%) must not be above slo-burn-1h (2%): a longer window alarms at a lower burn rate',
    ]);
    // Equal is allowed: the longer window then pages as early, never later.
    expect(withThresholds({ 'slo-burn-6h': 7.2 })).toEqual([]);
  });
});
