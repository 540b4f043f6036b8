/**
 * Prices what an account's inventory makes AWS bill: quantities × the checked-in price table
 * (prices.json), minus the free allowances. Pure.
 */
import { type AlarmMetricCount, addCounts, NO_ALARM_METRICS } from '../catalog/alarm-metrics';
import { type AccountInventory, distinctMetrics } from './inventory';
import { logVolumes } from './logs';
import priceTable from './prices.json';

export type PriceTable = typeof priceTable;
export type RegionPrices = PriceTable['regions']['us-east-1'];
export const PRICES: PriceTable = priceTable;

export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  readonly free: number;
  readonly unitPriceUsd: number;
  readonly monthlyUsd: number;
  /** What the line would cost if an opt-in were turned on, or how the quantity was estimated. */
  readonly note?: string;
  /** No citable unit price (SMS): `unitPriceUsd` is 0 and the note says why. */
  readonly unitPriceUnknown?: boolean;
}

export function alarmMetricsOf(inventory: AccountInventory): AlarmMetricCount {
  return inventory.alarms.reduce<AlarmMetricCount>((sum, a) => addCounts(sum, a), NO_ALARM_METRICS);
}

/** One cost line: what is used beyond the free quantity, at the unit price, rounded to the cent. */
export function costLine(
  item: string,
  quantity: number,
  free: number,
  unitPriceUsd: number,
  note?: string,
): CostLine {
  return {
    item,
    quantity,
    free,
    unitPriceUsd,
    monthlyUsd: overageUsd(quantity, free, unitPriceUsd),
    ...(note ? { note } : {}),
  };
}

function overageUsd(quantity: number, free: number, unitPriceUsd: number): number {
  return roundCents(Math.max(0, quantity - free) * unitPriceUsd);
}

export function priceInventory(
  inventory: AccountInventory,
  regionPrices: RegionPrices,
  prices: PriceTable,
): CostLine[] {
  const alarmMetrics = alarmMetricsOf(inventory);
  const free = prices.freeTier;
  return [
    costLine(
      'standard alarm metrics',
      alarmMetrics.standard,
      free.alarmMetrics,
      regionPrices.alarmMetricStandard,
    ),
    costLine(
      'high-resolution alarm metrics',
      alarmMetrics.highResolution,
      0,
      regionPrices.alarmMetricHighResolution,
    ),
    costLine('composite alarms', alarmMetrics.composite, 0, regionPrices.compositeAlarm),
    costLine(
      'custom metrics',
      distinctMetrics(inventory.customMetrics),
      free.customMetrics,
      regionPrices.customMetric,
    ),
    costLine('dashboards', inventory.dashboards.length, free.dashboards, regionPrices.dashboard),
    costLine(
      'Lambda requests (scheduled)',
      inventory.lambdaRequests,
      free.lambdaRequests,
      regionPrices.lambdaPerMillionRequests / 1e6,
    ),
    costLine(
      'Lambda GB-seconds (scheduled, at timeout)',
      Math.round(inventory.lambdaGbSeconds),
      free.lambdaGbSeconds,
      regionPrices.lambdaPerGbSecond,
    ),
    costLine(
      'Scheduler invocations',
      inventory.schedules.reduce((s, x) => s + x.perMonth, 0),
      free.schedulerInvocations,
      regionPrices.schedulerPerMillion / 1e6,
    ),
    costLine(
      'Step Functions transitions',
      inventory.stepFunctionsTransitions,
      free.stepFunctionsTransitions,
      regionPrices.stepFunctionsPerThousandTransitions / 1000,
      inventory.workflowRuns.length > 0
        ? `${inventory.workflowRuns.join('; ')} (runs assumed, transitions measured by the drill)`
        : 'no workflow',
    ),
    ...logLines(inventory, regionPrices, prices),
    ...snsLines(inventory, regionPrices, prices),
    costLine(
      'Secrets Manager secrets',
      inventory.secrets.length,
      free.secretsManagerSecrets,
      regionPrices.secretPerMonth,
    ),
    costLine(
      'alarm mute rules',
      inventory.muteRules.length,
      free.alarmMuteRules,
      regionPrices.alarmMuteRule,
      prices.zeroPriceSources.alarmMuteRule,
    ),
    costExplorerLine(inventory, prices),
  ];
}

/** GB shown to the MB; the price is taken on the shown quantity. */
const gb = (value: number) => Math.round(value * 1000) / 1000;

/** Logs ingestion and storage against the one 5 GB pool, spent in order. */
function logLines(inventory: AccountInventory, regionPrices: RegionPrices, prices: PriceTable): CostLine[] {
  const v = logVolumes(inventory, prices.freeTier.logsGb);
  let pool = prices.freeTier.logsGb;
  const take = (item: string, quantity: number, unit: number, note: string) => {
    const free = gb(Math.min(pool, quantity));
    pool = gb(pool - free);
    return costLine(item, quantity, free, unit, note);
  };
  const functions = [...new Set(inventory.functionLogs.map((f) => f.name))].sort();
  const app = v.app
    .map(
      (a) => `${a.environment} ${a.gbPerMonth} GB${a.defaulted ? ' (default: rest of the 5 GB budget)' : ''}`,
    )
    .join(', ');
  return [
    take(
      'Logs ingestion, our functions (GB)',
      gb(v.functionsIngestGb),
      regionPrices.logsIngestPerGb,
      `${functions.join(', ') || 'none'}: bytes per invocation (health-probe and cost-report measured) x invocations`,
    ),
    take(
      'Logs ingestion, app log groups (GB)',
      gb(v.appIngestGb),
      regionPrices.logsIngestPerGb,
      app || 'none',
    ),
    take(
      'Logs storage (GB-month)',
      gb(v.storageGbMonth),
      regionPrices.logsStoragePerGbMonth,
      'a day of ingestion x days of retention, in the same free 5 GB',
    ),
  ];
}

/** SNS: publishes and deliveries beyond the free ones; SMS never free, at the configured prices. */
function snsLines(inventory: AccountInventory, regionPrices: RegionPrices, prices: PriceTable): CostLine[] {
  const free = prices.freeTier;
  const d = inventory.snsDeliveries;
  return [
    costLine(
      'SNS publishes',
      inventory.snsPublishes,
      free.snsPublishes,
      regionPrices.snsPerMillionPublishes / 1e6,
      'messages a month on the severity topics: alarm changes, budget, anomaly, reports, recovery (estimated)',
    ),
    costLine(
      'SNS email deliveries',
      d.email ?? 0,
      free.snsEmailDeliveries,
      regionPrices.snsEmailPer100kDeliveries / 1e5,
    ),
    costLine(
      'SNS HTTP/S deliveries',
      d.http ?? 0,
      free.snsHttpDeliveries,
      regionPrices.snsHttpPerMillionDeliveries / 1e6,
    ),
    smsLine(inventory, prices),
  ];
}

/**
 * SMS has no free tier (prices.json `sms.note`) and AWS prices it per destination country, so each
 * number is priced at the `paging.smsPrices` entry of its calling code; a number without one is
 * shown unpriced (the config check refuses it before synth).
 */
function smsLine(inventory: AccountInventory, prices: PriceTable): CostLine {
  const sms = inventory.sms;
  const messages = sms.reduce((sum, s) => sum + s.messages, 0);
  const item = 'SNS SMS messages';
  if (messages === 0) {
    return {
      item,
      quantity: 0,
      free: 0,
      unitPriceUsd: 0,
      monthlyUsd: 0,
      note: 'no SMS subscription (SMS is never free)',
    };
  }
  const unpriced = sms.filter((s) => s.price === undefined).map((s) => s.number);
  const usd = roundCents(sms.reduce((sum, s) => sum + s.messages * (s.price?.usdPerMessage ?? 0), 0));
  const unitPrices = [...new Set(sms.map((s) => s.price?.usdPerMessage))];
  const priced = [
    ...new Map(sms.flatMap((s) => (s.price ? [[s.price.prefix, s.price] as const] : []))).values(),
  ]
    .map((p) => `${p.prefix} at $${p.usdPerMessage} (${p.source})`)
    .join('; ');
  return {
    item,
    quantity: messages,
    free: 0,
    // One unit price when every number shares it (an unpriced number shares none); otherwise the note gives each.
    unitPriceUsd: unitPrices.length === 1 ? (unitPrices[0] ?? 0) : 0,
    monthlyUsd: usd,
    ...(unpriced.length > 0 ? { unitPriceUnknown: true } : {}),
    note: [
      priced === '' ? '' : `priced by paging.smsPrices: ${priced}`,
      unpriced.length === 0 ? '' : `no price for ${unpriced.join(', ')}: ${prices.sms.note}`,
    ]
      .filter((part) => part !== '')
      .join('; '),
  };
}

/** Cost Explorer requests of the cost report: priced when on, and what turning it on would cost. */
function costExplorerLine(inventory: AccountInventory, prices: PriceTable): CostLine {
  const unit = prices.global.costExplorerPerRequest;
  const free = prices.freeTier.costExplorerRequests;
  const runs = `${inventory.costReportRuns.toLocaleString('en-US')} report runs a month`;
  const note =
    inventory.costExplorerRequests < inventory.costExplorerRequestsIfOn
      ? `${runs}; budget.costExplorer on everywhere: ${inventory.costExplorerRequestsIfOn.toLocaleString('en-US')} requests, $${overageUsd(inventory.costExplorerRequestsIfOn, free, unit).toFixed(2)}/month`
      : runs;
  return costLine('Cost Explorer API requests', inventory.costExplorerRequests, free, unit, note);
}

/**
 * The prices for an account's regions. The free allowance is shared across regions, so the overage
 * is priced at the dearest region; a region missing from the table is named in the note.
 */
export function pricesFor(
  regions: readonly string[],
  prices: PriceTable,
): { regionPrices: RegionPrices; note?: string } {
  const table = prices.regions as Record<string, RegionPrices>;
  const known = regions.filter((r) => r in table);
  const unknown = regions.filter((r) => !(r in table));
  const priceOf = (region: string) => table[region] as RegionPrices;
  const dearest = (known.length > 0 ? known : [prices.defaultRegion]).reduce((a, b) =>
    priceOf(b).logsIngestPerGb > priceOf(a).logsIngestPerGb ? b : a,
  );
  const regionPrices = priceOf(dearest);
  if (unknown.length === 0) return { regionPrices };
  return { regionPrices, note: `no prices for ${unknown.join(', ')} in the table; priced as ${dearest}` };
}

export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}
