import type { FreeTierRule } from './rule';

/** 10 standard alarm metrics are free; high-resolution alarm metrics and composite alarms never are. */
export const alarmMetricsRule: FreeTierRule = ({ alarmMetrics, prices }) => {
  const free = prices.freeTier.alarmMetrics;
  const problems: string[] = [];
  if (alarmMetrics.standard > free)
    problems.push(`${alarmMetrics.standard} standard alarm metrics, the free tier has ${free}`);
  if (alarmMetrics.highResolution > 0)
    problems.push(`${alarmMetrics.highResolution} high-resolution alarm metrics have no free tier`);
  if (alarmMetrics.composite > 0)
    problems.push(`${alarmMetrics.composite} composite alarms have no free tier`);
  return problems;
};
