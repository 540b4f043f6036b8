import type { FreeTierRule } from './rule';

/** Lines the rules above already explain in their own words. */
const EXPLAINED = new Set([
  'standard alarm metrics',
  'high-resolution alarm metrics',
  'composite alarms',
  'custom metrics',
  'dashboards',
]);

/** Every other priced line that costs money exceeds its free allowance. */
export const billedLinesRule: FreeTierRule = ({ cost }) =>
  cost
    .filter((c) => c.monthlyUsd > 0 && !EXPLAINED.has(c.item))
    .map((c) => `${c.item}: ${c.quantity} exceeds the free ${c.free} ($${c.monthlyUsd.toFixed(2)}/month)`);
