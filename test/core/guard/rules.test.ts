/**
 * The free-tier rules one by one, at their limits (CloudWatch pricing: 10 alarm metrics, 10 custom
 * metrics, 3 dashboards of up to 50 metrics each are free), and what the report offers to drop.
 */
import { describe, expect, it } from 'vitest';
import { dropCandidates } from '../../../lib/core/guard/drop-candidates';
import type { AccountInventory } from '../../../lib/core/guard/inventory';
import { alarmMetricsOf, PRICES, priceInventory } from '../../../lib/core/guard/pricing';
import { freeTierViolations } from '../../../lib/core/guard/rules';
import { alarmUsage, customMetric, emptyInventory } from '../../helpers/guard';

function violations(overrides: Partial<AccountInventory>): string[] {
  const inventory = emptyInventory(overrides);
  const cost = priceInventory(inventory, PRICES.regions['us-east-1'], PRICES);
  return freeTierViolations({ inventory, alarmMetrics: alarmMetricsOf(inventory), cost, prices: PRICES });
}

const dashboard = (logicalId: string, metrics = 10) => ({ stack: 'S', logicalId, metrics });

describe('free-tier rules at their limits', () => {
  it('exactly the free allowances is no violation', () => {
    expect(
      violations({
        alarms: [alarmUsage('a', 10)],
        customMetrics: Array.from({ length: 10 }, (_, i) => customMetric(`m${i}`)),
        dashboards: [dashboard('D1', 50), dashboard('D2'), dashboard('D3')],
      }),
    ).toEqual([]);
  });

  it('one over each allowance: one violation each, in its own words and not again as a billed line', () => {
    expect(
      violations({
        alarms: [alarmUsage('a', 11), alarmUsage('b', 0, 1), alarmUsage('c', 0, 0, 1)],
        customMetrics: Array.from({ length: 11 }, (_, i) => customMetric(`m${i}`)),
        dashboards: [dashboard('D1', 51), dashboard('D2'), dashboard('D3'), dashboard('D4')],
      }),
    ).toEqual([
      '11 standard alarm metrics, the free tier has 10',
      '1 high-resolution alarm metrics have no free tier',
      '1 composite alarms have no free tier',
      '11 custom metrics, the free tier has 10',
      '4 dashboards, the free tier has 3',
      'dashboard S/D1 shows 51 metrics, the free tier allows 50',
    ]);
  });

  it('a log group without retention is named', () => {
    expect(violations({ logGroupsWithoutRetention: [{ stack: 'S', logicalId: 'Logs' }] })).toEqual([
      'log group S/Logs keeps logs forever (set a retention)',
    ]);
  });

  it('a billed line says how much over its allowance and, for SMS and Cost Explorer, what to do', () => {
    const sms = { number: '+821012345678', messages: 10 };
    expect(
      violations({
        secrets: [{ stack: 'S', logicalId: 'Secret' }],
        sms: [sms],
        costReportRuns: 5,
        costExplorerRequests: 15,
        costExplorerRequestsIfOn: 15,
      }),
    ).toEqual([
      'SNS SMS messages: 10 exceeds the free 0 (price unknown); SMS has no free tier and its price per message depends on the country: use e-mail, HTTPS (a pager such as PagerDuty) or chat in the free profile',
      'Secrets Manager secrets: 1 exceeds the free 0 ($0.40/month)',
      'Cost Explorer API requests: 15 exceeds the free 0 ($0.15/month); Cost Explorer has no free requests: set budget.costExplorer: false (the report then reads EstimatedCharges for free) or use the standard profile',
    ]);
  });
});

describe('drop candidates', () => {
  it('alarms without an ops-stack name first, then P3 to P0, the larger first within a severity; dashboards last', () => {
    const rows = dropCandidates(
      [
        alarmUsage('ops-prod-P0-api-down', 1),
        alarmUsage('ops-prod-P2-cache-memory', 1),
        alarmUsage('ops-prod-P3-cpu-high', 1, 0, 0, 'Other'),
        alarmUsage('ops-prod-P2-db-connections', 2, 1),
        alarmUsage('ops-prod-P1-slo-burn', 0, 0, 1),
        alarmUsage('hand-made-alarm', 1),
      ],
      [dashboard('SloDashboard')],
    );
    expect(rows).toEqual([
      { what: 'alarm hand-made-alarm (S)', frees: '1 alarm metric(s)' },
      { what: 'alarm ops-prod-P3-cpu-high (Other)', frees: '1 alarm metric(s)' },
      { what: 'alarm ops-prod-P2-db-connections (S)', frees: '3 alarm metric(s)' },
      { what: 'alarm ops-prod-P2-cache-memory (S)', frees: '1 alarm metric(s)' },
      { what: 'alarm ops-prod-P1-slo-burn (S)', frees: '1 composite ($0.50)' },
      { what: 'alarm ops-prod-P0-api-down (S)', frees: '1 alarm metric(s)' },
      { what: 'dashboard S/SloDashboard', frees: '1 dashboard' },
    ]);
  });
});
