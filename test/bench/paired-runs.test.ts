import { describe, expect, it } from 'vitest';
import { median, pairedRuns } from '../../bench/functions';

describe('bench paired runs', () => {
  it('alternates the two variants, A B A B, and reports medians and the median ratio of pairs', () => {
    const order: string[] = [];
    // Load rises during the bench: each pair is slower than the one before, B always twice A.
    let load = 0;
    const result = pairedRuns(
      () => {
        order.push('A');
        load++;
        return 10 * load;
      },
      () => {
        order.push('B');
        return 20 * load;
      },
      3,
    );
    expect(order).toEqual(['A', 'B', 'A', 'B', 'A', 'B']);
    expect(result).toEqual({ medianA: 20, medianB: 40, medianRatio: 0.5 });
  });
  it('takes the middle of an even count as the mean of the two middle values', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
    expect(median([])).toBeNaN();
  });
});
