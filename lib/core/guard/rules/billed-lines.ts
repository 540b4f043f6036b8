import type { FreeTierRule } from './rule';

/** Lines the rules above already explain in their own words. */
const EXPLAINED = new Set([
  'standard alarm metrics',
  'high-resolution alarm metrics',
  'composite alarms',
  'custom metrics',
  'dashboards',
]);

/** How to get a paid line back to zero, where one key does it. */
const REMEDY: Readonly<Record<string, string>> = {
  'SNS SMS messages':
    'SMS has no free tier and its price per message depends on the country: use e-mail, HTTPS (a pager such as PagerDuty) or chat in the free profile',
  'Cost Explorer API requests':
    'Cost Explorer has no free requests: set budget.costExplorer: false (the report then reads EstimatedCharges for free) or use the standard profile',
};

/** Every other priced line that costs money exceeds its free allowance; SMS is never free. */
export const billedLinesRule: FreeTierRule = ({ cost }) =>
  cost
    .filter(
      (c) =>
        (c.monthlyUsd > 0 || (c.item === 'SNS SMS messages' && c.quantity > 0)) && !EXPLAINED.has(c.item),
    )
    .map(
      (c) =>
        `${c.item}: ${c.quantity.toLocaleString('en-US')} exceeds the free ${c.free.toLocaleString('en-US')} (${c.unitPriceUnknown ? 'price unknown' : `$${c.monthlyUsd.toFixed(2)}/month`})${REMEDY[c.item] ? `; ${REMEDY[c.item]}` : ''}`,
    );
