import { describe, expect, it } from 'vitest';
import { analyzeFreeTier } from '../../../lib/core/guard/free-tier';
import { formatFreeTierReport } from '../../../lib/core/guard/report-table';
import { alarms, envFacts, stack } from './templates';

// 10 standard alarm metrics are free per billing family.
describe('one report per billing family', () => {
  it('the whole report fails when any family exceeds the free tier, even if another is within it', () => {
    const report = analyzeFreeTier([
      stack('Over', envFacts({ account: '111111111111' }), alarms('dev', 11)),
      stack('Within', envFacts({ account: '222222222222' }), alarms('prod', 1)),
    ]);
    expect(report.accounts.map((a) => a.violations.length > 0)).toEqual([true, false]);
    expect(report.ok).toBe(false);
  });

  it('enforces the allowances only when every environment of the family uses the free profile', () => {
    const report = analyzeFreeTier([
      stack('Dev', envFacts({ environment: 'dev' }), alarms('dev', 6)),
      stack('Prod', envFacts({ profile: 'standard' }), alarms('prod', 6)),
    ]);
    expect(report.accounts[0]).toMatchObject({ enforced: false, violations: [], dropCandidates: [] });
    expect(report.accounts[0]?.monthlyUsd).toBe(0.2);
    expect(report.ok).toBe(true);
  });

  it('lists the family’s regions once each, sorted', () => {
    const report = analyzeFreeTier([
      stack('A', envFacts({ environment: 'a', region: 'us-east-1' }), {}),
      stack('B', envFacts({ environment: 'b', region: 'ap-northeast-2' }), {}),
      stack('C', envFacts({ environment: 'c', region: 'us-east-1' }), {}),
    ]);
    expect(report.accounts[0]?.regions).toEqual(['ap-northeast-2', 'us-east-1']);
  });

  it('names a region missing from prices.json in the price note, and gives no note when all are known', () => {
    const unknown = analyzeFreeTier([
      stack('A', envFacts({ environment: 'a', region: 'eu-west-1' }), {}),
      stack('B', envFacts({ environment: 'b' }), {}),
    ]);
    const note = 'no prices for eu-west-1 in the table; priced as ap-northeast-2';
    expect(unknown.accounts[0]?.priceNote).toBe(note);
    expect(formatFreeTierReport(unknown)).toContain(`  note: ${note}`);
    expect(analyzeFreeTier([stack('B', envFacts(), {})]).accounts[0]).not.toHaveProperty('priceNote');
  });

  it('offers drop candidates only when the family exceeds the free tier', () => {
    const within = analyzeFreeTier([stack('A', envFacts(), alarms('prod', 10))]);
    expect(within.accounts[0]).toMatchObject({ violations: [], dropCandidates: [] });
    const over = analyzeFreeTier([stack('A', envFacts(), alarms('prod', 11))]);
    expect(over.accounts[0]?.dropCandidates).toHaveLength(11);
  });
});
