import { distinctMetrics } from '../inventory';
import type { FreeTierRule } from './rule';

/** Custom metrics beyond the free ones (counted per namespace, name and dimensions). */
export const customMetricsRule: FreeTierRule = ({ inventory, prices }) => {
  const count = distinctMetrics(inventory.customMetrics);
  const free = prices.freeTier.customMetrics;
  return count > free ? [`${count} custom metrics, the free tier has ${free}`] : [];
};
