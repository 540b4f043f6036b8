import { describe, expect, it } from 'vitest';
import {
  BURN_RATE_WINDOWS,
  burnRateThresholdPercent,
  detectionMinutes,
  errorBudgetPercent,
  minutesToExhaustBudget,
} from '../../../lib/core/catalog/burn-rate';

const window = (name: string) => {
  const w = BURN_RATE_WINDOWS.find((x) => x.name === name);
  if (!w) throw new Error(name);
  return w;
};

describe('burn-rate math (SRE Workbook ch. 5)', () => {
  it.each([
    [99.5, [7.2, 3, 0.5]],
    [99.9, [1.44, 0.6, 0.1]],
  ])('thresholds for %s%% are the brief numbers, free of float noise', (objective, expected) => {
    expect(BURN_RATE_WINDOWS.map((w) => burnRateThresholdPercent(objective, w.burnRate))).toEqual(expected);
  });

  it('windows match the workbook: 14.4x/1h/5m P1, 6x/6h/30m P2, 1x/3d/6h P3', () => {
    expect(
      BURN_RATE_WINDOWS.map((w) => [w.burnRate, w.longWindowSeconds, w.shortWindowSeconds, w.severity]),
    ).toEqual([
      [14.4, 3600, 300, 'P1'],
      [6, 21_600, 1800, 'P2'],
      [1, 259_200, 21_600, 'P3'],
    ]);
  });

  it('the 1 h alarm alone needs about 35 minutes for a 12.5% error rate (why the fast alarm exists)', () => {
    expect(detectionMinutes(window('1h'), 99.5, 12.5)).toBe(35);
    expect(detectionMinutes(window('1h'), 99.5, 5)).toBe(Number.POSITIVE_INFINITY);
  });

  it('error budget and exhaustion time', () => {
    expect(errorBudgetPercent(99.5)).toBe(0.5);
    expect(minutesToExhaustBudget(99.5, 0.5)).toBe(43_200);
    expect(minutesToExhaustBudget(99.5, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(() => errorBudgetPercent(100)).toThrowError(/between 0 and 100/);
  });
});

describe('burn-rate boundaries', () => {
  it('names each window and the budget share it spends before alerting', () => {
    expect(BURN_RATE_WINDOWS.map((w) => [w.name, w.budgetSpent])).toEqual([
      ['1h', '2%'],
      ['6h', '5%'],
      ['3d', '10%'],
    ]);
  });

  it('refuses objectives of 0% and 100% and accepts those just inside', () => {
    expect(() => errorBudgetPercent(0)).toThrowError(/between 0 and 100 percent, got 0/);
    expect(() => errorBudgetPercent(-1)).toThrowError(RangeError);
    expect(errorBudgetPercent(0.5)).toBe(99.5);
    expect(errorBudgetPercent(99.999)).toBe(0.001);
  });

  it('an error ratio exactly at the threshold fires after the whole window', () => {
    expect(detectionMinutes(window('1h'), 99.5, 7.2)).toBe(60);
    expect(detectionMinutes(window('6h'), 99.5, 3)).toBe(360);
    expect(detectionMinutes(window('1h'), 99.5, 7.19)).toBe(Number.POSITIVE_INFINITY);
  });

  it('exhaustion time scales inversely with the error ratio', () => {
    expect(minutesToExhaustBudget(99.9, 0.1)).toBe(43_200);
    expect(minutesToExhaustBudget(99.5, 5)).toBe(4320);
    expect(() => minutesToExhaustBudget(99.5, -0.01)).toThrowError(/at least 0 percent, got -0.01/);
  });

  it('a zero burn rate gives a zero threshold', () => {
    expect(burnRateThresholdPercent(99.5, 0)).toBe(0);
  });
});
