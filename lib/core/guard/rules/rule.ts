/** A free-tier rule: given an account's inventory and its priced lines, the problems it finds. */
import type { AlarmMetricCount } from '../../catalog/alarm-metrics';
import type { AccountInventory } from '../inventory';
import type { CostLine, PriceTable } from '../pricing';

export interface RuleInput {
  readonly inventory: AccountInventory;
  readonly alarmMetrics: AlarmMetricCount;
  readonly cost: readonly CostLine[];
  readonly prices: PriceTable;
}

export type FreeTierRule = (input: RuleInput) => string[];
