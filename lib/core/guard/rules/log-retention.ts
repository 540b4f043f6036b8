import type { FreeTierRule } from './rule';

/** A log group without retention keeps growing its storage bill forever. */
export const logRetentionRule: FreeTierRule = ({ inventory }) =>
  inventory.logGroupsWithoutRetention.map(
    (g) => `log group ${g.stack}/${g.logicalId} keeps logs forever (set a retention)`,
  );
