import type { FreeTierRule } from './rule';

/** The free tier has 3 dashboards of up to 50 metrics each. */
export const dashboardsRule: FreeTierRule = ({ inventory: { dashboards }, prices }) => {
  const { dashboards: free, metricsPerDashboard } = prices.freeTier;
  const problems: string[] = [];
  if (dashboards.length > free) problems.push(`${dashboards.length} dashboards, the free tier has ${free}`);
  for (const d of dashboards) {
    if (d.metrics > metricsPerDashboard) {
      problems.push(
        `dashboard ${d.stack}/${d.logicalId} shows ${d.metrics} metrics, the free tier allows ${metricsPerDashboard}`,
      );
    }
  }
  return problems;
};
