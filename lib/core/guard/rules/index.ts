/** The free-tier rules, in the order their problems are reported. */
import { alarmMetricsRule } from './alarm-metrics';
import { billedLinesRule } from './billed-lines';
import { customMetricsRule } from './custom-metrics';
import { dashboardsRule } from './dashboards';
import { logRetentionRule } from './log-retention';
import type { FreeTierRule, RuleInput } from './rule';

export const FREE_TIER_RULES: readonly FreeTierRule[] = [
  alarmMetricsRule,
  customMetricsRule,
  dashboardsRule,
  logRetentionRule,
  billedLinesRule,
];

export function freeTierViolations(input: RuleInput): string[] {
  return FREE_TIER_RULES.flatMap((rule) => rule(input));
}
