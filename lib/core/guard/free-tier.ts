/**
 * The free-tier guard: reads the synthesized templates of every stack, groups them by billing family
 * (the free allowances are per account across regions, and one per Organization's consolidated
 * bill: see lib/core/config/sections/billing.ts), takes their inventory (inventory.ts), prices it
 * (pricing.ts) and checks the free-tier rules (rules/). Pure: no aws-cdk-lib.
 */
import type { AlarmMetricCount } from '../catalog/alarm-metrics';
import { type DropCandidate, dropCandidates } from './drop-candidates';
import {
  type AccountMembers,
  type AlarmUsage,
  type DashboardUsage,
  groupByAccount,
  inventoryOf,
  type ScheduleUsage,
  type StackCustomMetric,
  type StackResourceRef,
  type TemplateInput,
} from './inventory';
import {
  alarmMetricsOf,
  type CostLine,
  PRICES,
  type PriceTable,
  priceInventory,
  pricesFor,
  roundCents,
} from './pricing';
import { freeTierViolations } from './rules';

export type { AlarmUsage, TemplateInput } from './inventory';
export type { CostLine, PriceTable, RegionPrices } from './pricing';
export { PRICES } from './pricing';

/** One billing family's report (an account paying its own bill, or an organization's accounts). */
export interface AccountReport {
  /** The family's accounts, comma-separated. */
  readonly account: string;
  /** `org:<payer>` or `account:<id>`. */
  readonly family: string;
  readonly familyLabel: string;
  readonly environments: readonly string[];
  readonly regions: readonly string[];
  /** Every environment in the account uses the free profile, so allowances are enforced. */
  readonly enforced: boolean;
  readonly alarmMetrics: AlarmMetricCount;
  readonly alarms: readonly AlarmUsage[];
  readonly customMetrics: readonly StackCustomMetric[];
  readonly dashboards: readonly DashboardUsage[];
  readonly logGroupsWithoutRetention: readonly StackResourceRef[];
  readonly schedules: readonly ScheduleUsage[];
  readonly cost: readonly CostLine[];
  readonly monthlyUsd: number;
  readonly priceNote?: string;
  readonly violations: readonly string[];
  /** What to drop, cheapest severity first, when an allowance is exceeded. */
  readonly dropCandidates: readonly DropCandidate[];
}

export interface FreeTierReport {
  readonly pricesAsOf: string;
  readonly accounts: readonly AccountReport[];
  readonly ok: boolean;
}

export function analyzeFreeTier(
  stacks: readonly TemplateInput[],
  prices: PriceTable = PRICES,
): FreeTierReport {
  const accounts = groupByAccount(stacks).map((group) => analyzeAccount(group, prices));
  return { pricesAsOf: prices.asOf, accounts, ok: accounts.every((a) => a.violations.length === 0) };
}

function analyzeAccount(
  { account, family, familyLabel, members }: AccountMembers,
  prices: PriceTable,
): AccountReport {
  const inventory = inventoryOf(members);
  const alarmMetrics = alarmMetricsOf(inventory);
  const regions = [...new Set(members.map((m) => m.facts.region))].sort();
  const { regionPrices, note } = pricesFor(regions, prices);
  const cost = priceInventory(inventory, regionPrices, prices);
  const monthlyUsd = roundCents(cost.reduce((s, c) => s + c.monthlyUsd, 0));
  const enforced = members.every((m) => m.facts.profile === 'free');
  const violations = enforced ? freeTierViolations({ inventory, alarmMetrics, cost, prices }) : [];
  return {
    account,
    family,
    familyLabel,
    environments: members.map((m) => m.facts.environment),
    regions,
    enforced,
    alarmMetrics,
    alarms: inventory.alarms,
    customMetrics: inventory.customMetrics,
    dashboards: inventory.dashboards,
    logGroupsWithoutRetention: inventory.logGroupsWithoutRetention,
    schedules: inventory.schedules,
    cost,
    monthlyUsd,
    ...(note ? { priceNote: note } : {}),
    violations,
    dropCandidates: violations.length > 0 ? dropCandidates(inventory.alarms, inventory.dashboards) : [],
  };
}
