/**
 * The guard's prices line by line, from a hand-built inventory and the checked-in price table
 * (lib/core/guard/prices.json): each line is what is used beyond its free allowance times the unit
 * price of the family's dearest region, rounded to the cent.
 */
import { describe, expect, it } from 'vitest';
import type { AccountInventory } from '../../../lib/core/guard/inventory';
import { type CostLine, PRICES, priceInventory, pricesFor } from '../../../lib/core/guard/pricing';
import { alarmUsage, customMetric, emptyInventory as inventory } from '../../helpers/guard';

const SMS_SOURCE = 'a test price, not read from AWS';

const virginia = PRICES.regions['us-east-1'];

function lines(overrides: Partial<AccountInventory> = {}, region = virginia): Record<string, CostLine> {
  return Object.fromEntries(priceInventory(inventory(overrides), region, PRICES).map((l) => [l.item, l]));
}

describe('priceInventory: every line, in the report order', () => {
  it('an empty account has every line, each at $0.00, in a fixed order', () => {
    const priced = priceInventory(inventory(), virginia, PRICES);
    expect(priced.map((l) => l.item)).toEqual([
      'standard alarm metrics',
      'high-resolution alarm metrics',
      'composite alarms',
      'custom metrics',
      'dashboards',
      'Lambda requests (scheduled)',
      'Lambda GB-seconds (scheduled, at timeout)',
      'Scheduler invocations',
      'Step Functions transitions',
      'Logs ingestion, our functions (GB)',
      'Logs ingestion, app log groups (GB)',
      'Logs storage (GB-month)',
      'SNS publishes',
      'SNS email deliveries',
      'SNS HTTP/S deliveries',
      'SNS SMS messages',
      'Secrets Manager secrets',
      'alarm mute rules',
      'Cost Explorer API requests',
    ]);
    expect(priced.every((l) => l.monthlyUsd === 0 && l.quantity === 0)).toBe(true);
  });

  it('alarms, metrics and dashboards beyond the free ones at the CloudWatch unit prices', () => {
    const l = lines({
      alarms: [alarmUsage('a', 8, 1, 0), alarmUsage('b', 5, 1, 1)],
      // 12 distinct metrics; the repeated one counts once.
      customMetrics: [...Array.from({ length: 12 }, (_, i) => customMetric(`m${i}`)), customMetric('m0')],
      dashboards: [1, 2, 3, 4].map((n) => ({ stack: 'S', logicalId: `D${n}`, metrics: 10 })),
    });
    expect(l['standard alarm metrics']).toMatchObject({ quantity: 13, free: 10, monthlyUsd: 0.3 });
    expect(l['high-resolution alarm metrics']).toMatchObject({ quantity: 2, free: 0, monthlyUsd: 0.6 });
    expect(l['composite alarms']).toMatchObject({ quantity: 1, free: 0, monthlyUsd: 0.5 });
    expect(l['custom metrics']).toMatchObject({ quantity: 12, free: 10, monthlyUsd: 0.6 });
    expect(l.dashboards).toMatchObject({ quantity: 4, free: 3, monthlyUsd: 3 });
  });

  it('Lambda, Scheduler and Step Functions are priced per million, per GB-second and per thousand', () => {
    const schedule = (perMonth: number) => ({
      stack: 'S',
      logicalId: `R${perMonth}`,
      expression: 'x',
      perMonth,
    });
    const l = lines({
      lambdaRequests: 3_000_000,
      lambdaGbSeconds: 475_000.4,
      schedules: [schedule(14_000_000), schedule(2_000_000)],
      stepFunctionsTransitions: 44_000,
      workflowRuns: ['dev db-recovery: 1 run x 123 transitions', 'prod db-recovery: 1 run x 100 transitions'],
    });
    expect(l['Lambda requests (scheduled)']).toMatchObject({ quantity: 3_000_000, monthlyUsd: 0.4 });
    // 75,000 GB-seconds over the free 400,000 at $0.0000133334.
    expect(l['Lambda GB-seconds (scheduled, at timeout)']).toMatchObject({
      quantity: 475_000,
      monthlyUsd: 1,
    });
    expect(l['Scheduler invocations']).toMatchObject({
      quantity: 16_000_000,
      free: 14_000_000,
      monthlyUsd: 2,
    });
    expect(l['Step Functions transitions']).toMatchObject({ quantity: 44_000, free: 4000, monthlyUsd: 1 });
    expect(l['Step Functions transitions']?.note).toBe(
      'dev db-recovery: 1 run x 123 transitions; prod db-recovery: 1 run x 100 transitions (runs assumed, transitions measured by the drill)',
    );
    expect(lines()['Step Functions transitions']?.note).toBe('no workflow');
  });

  it('SNS publishes and deliveries beyond the free ones; Lambda deliveries are not a line', () => {
    const l = lines({
      snsPublishes: 3_000_000,
      snsDeliveries: { email: 101_000, http: 1_100_000, lambda: 9 },
    });
    expect(l['SNS publishes']).toMatchObject({ quantity: 3_000_000, monthlyUsd: 1 });
    expect(l['SNS publishes']?.note).toBe(
      'messages a month on the severity topics: alarm changes, budget, anomaly, reports, recovery (estimated)',
    );
    expect(l['SNS email deliveries']).toMatchObject({ quantity: 101_000, free: 1000, monthlyUsd: 2 });
    expect(l['SNS HTTP/S deliveries']).toMatchObject({ quantity: 1_100_000, free: 100_000, monthlyUsd: 0.6 });
  });

  it('secrets and mute rules: no free secrets at $0.40, mute rules at $0 with the reason', () => {
    const ref = (id: string) => ({ stack: 'S', logicalId: id });
    const l = lines({ secrets: [ref('S1'), ref('S2')], muteRules: [ref('M1')] });
    expect(l['Secrets Manager secrets']).toMatchObject({ quantity: 2, free: 0, monthlyUsd: 0.8 });
    expect(l['alarm mute rules']).toMatchObject({ quantity: 1, monthlyUsd: 0 });
    expect(l['alarm mute rules']?.note).toBe(PRICES.zeroPriceSources.alarmMuteRule);
  });
});

describe('priceInventory: logs share one free 5 GB pool', () => {
  const fn = (name: string, gbPerMonth: number) => ({
    stack: 'S',
    name,
    invocationsPerMonth: 1000,
    gbPerMonth,
    retentionDays: 7,
  });

  it('names our functions once each, sorted, and spends the pool in order: functions, app, storage', () => {
    const l = lines({
      functionLogs: [fn('health-probe', 1), fn('cost-report', 0.5), fn('health-probe', 0.5)],
      appLogs: [
        { environment: 'prod', retentionDays: [7], configuredGbPerMonth: 4 },
        { environment: 'dev', retentionDays: [1] },
      ],
    });
    const ours = l['Logs ingestion, our functions (GB)'];
    expect(ours).toMatchObject({ quantity: 2, free: 2, monthlyUsd: 0 });
    expect(ours?.note).toBe(
      'cost-report, health-probe: bytes per invocation (health-probe and cost-report measured) x invocations',
    );
    const app = l['Logs ingestion, app log groups (GB)'];
    // 4 GB configured for prod; dev gets the rest of the budget, which is nothing here.
    expect(app).toMatchObject({ quantity: 4, free: 3, monthlyUsd: 0.5 });
    expect(app?.note).toBe('prod 4 GB, dev 0 GB (default: rest of the 5 GB budget)');
    const stored = l['Logs storage (GB-month)'];
    expect(stored?.free).toBe(0);
    expect(stored?.monthlyUsd).toBeGreaterThan(0);
    expect(stored?.note).toBe('a day of ingestion x days of retention, in the same free 5 GB');
  });

  it('without functions or app log groups the notes say none', () => {
    const l = lines();
    expect(l['Logs ingestion, our functions (GB)']?.note).toBe(
      'none: bytes per invocation (health-probe and cost-report measured) x invocations',
    );
    expect(l['Logs ingestion, app log groups (GB)']?.note).toBe('none');
  });

  it('Seoul ingestion costs $0.76 a GB over the pool', () => {
    const l = lines(
      { appLogs: [{ environment: 'prod', retentionDays: [], configuredGbPerMonth: 7 }] },
      PRICES.regions['ap-northeast-2'],
    );
    expect(l['Logs ingestion, app log groups (GB)']).toMatchObject({
      quantity: 7,
      free: 5,
      monthlyUsd: 1.52,
    });
  });
});

describe('priceInventory: SMS', () => {
  const price = (prefix: string, usdPerMessage: number) => ({ prefix, usdPerMessage, source: SMS_SOURCE });

  it('no SMS subscription: a zero line that says SMS is never free', () => {
    expect(lines()['SNS SMS messages']).toEqual({
      item: 'SNS SMS messages',
      quantity: 0,
      free: 0,
      unitPriceUsd: 0,
      monthlyUsd: 0,
      note: 'no SMS subscription (SMS is never free)',
    });
  });

  it('a priced and an unpriced number: the priced part is charged, the line has no unit price', () => {
    const l = lines({
      sms: [
        { number: '+821012345678', messages: 10, price: price('+82', 0.05) },
        { number: '+819012345678', messages: 4 },
      ],
    });
    expect(l['SNS SMS messages']).toMatchObject({
      quantity: 14,
      unitPriceUsd: 0,
      monthlyUsd: 0.5,
      unitPriceUnknown: true,
    });
    expect(l['SNS SMS messages']?.note).toBe(
      `priced by paging.smsPrices: +82 at $0.05 (${SMS_SOURCE}); no price for +819012345678: ${PRICES.sms.note}`,
    );
  });

  it('two numbers under one price: that price is the unit price, named once', () => {
    const p = price('+82', 0.05);
    const l = lines({
      sms: [
        { number: '+821012345678', messages: 10, price: p },
        { number: '+821098765432', messages: 10, price: p },
      ],
    });
    expect(l['SNS SMS messages']).toMatchObject({ quantity: 20, unitPriceUsd: 0.05, monthlyUsd: 1 });
    expect(l['SNS SMS messages']?.unitPriceUnknown).toBeUndefined();
    expect(l['SNS SMS messages']?.note).toBe(`priced by paging.smsPrices: +82 at $0.05 (${SMS_SOURCE})`);
  });
});

describe('priceInventory: Cost Explorer requests', () => {
  it('off: costs nothing and says what turning it on everywhere would cost', () => {
    const l = lines({ costReportRuns: 4380, costExplorerRequests: 0, costExplorerRequestsIfOn: 13_140 });
    expect(l['Cost Explorer API requests']).toMatchObject({ quantity: 0, monthlyUsd: 0 });
    expect(l['Cost Explorer API requests']?.note).toBe(
      '4,380 report runs a month; budget.costExplorer on everywhere: 13,140 requests, $131.40/month',
    );
  });

  it('on everywhere: priced at $0.01 a request, and the note gives only the runs', () => {
    const l = lines({ costReportRuns: 5, costExplorerRequests: 15, costExplorerRequestsIfOn: 15 });
    expect(l['Cost Explorer API requests']).toMatchObject({ quantity: 15, free: 0, monthlyUsd: 0.15 });
    expect(l['Cost Explorer API requests']?.note).toBe('5 report runs a month');
  });
});

describe('pricesFor: the dearest region of a family', () => {
  it('one known region: its prices and no note', () => {
    expect(pricesFor(['us-east-1'], PRICES)).toEqual({ regionPrices: virginia });
  });

  it('Seoul and N. Virginia, in either order: Seoul, whose log ingestion costs more', () => {
    const seoul = PRICES.regions['ap-northeast-2'];
    expect(pricesFor(['us-east-1', 'ap-northeast-2'], PRICES)).toEqual({ regionPrices: seoul });
    expect(pricesFor(['ap-northeast-2', 'us-east-1'], PRICES)).toEqual({ regionPrices: seoul });
  });

  it('a region missing from the table is named, and the note says which prices were used', () => {
    expect(pricesFor(['us-east-1', 'eu-west-1', 'ap-northeast-2'], PRICES)).toEqual({
      regionPrices: PRICES.regions['ap-northeast-2'],
      note: 'no prices for eu-west-1 in the table; priced as ap-northeast-2',
    });
  });

  it('only unknown regions: priced as the table default, us-east-1', () => {
    expect(pricesFor(['eu-west-1', 'sa-east-1'], PRICES)).toEqual({
      regionPrices: virginia,
      note: 'no prices for eu-west-1, sa-east-1 in the table; priced as us-east-1',
    });
  });
});
