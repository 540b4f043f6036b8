/**
 * CloudWatch Logs volume of a billing family: our functions and the app's log groups. The free
 * tier is one pool: "5 GB Data (ingestion, archive storage, and data scanned by Logs Insights
 * queries)" (Amazon CloudWatch pricing), so the allowance is spent in order: our functions'
 * ingestion, the app's ingestion, then storage. Seed 002 s1.1 makes that 5 GB the log budget, so an
 * environment without `app.logIngestGbPerMonth` is given the rest of it.
 */
import type { AccountInventory } from './inventory';

/** Stored GB-months a month of ingestion leaves with a retention: a day's volume x days kept. */
const DAYS_PER_MONTH = 730 / 24;
const storedShare = (retentionDays: number) => Math.min(retentionDays, DAYS_PER_MONTH) / DAYS_PER_MONTH;

export interface AppLogVolume {
  readonly environment: string;
  readonly gbPerMonth: number;
  /** Taken from the rest of the free budget (no `app.logIngestGbPerMonth`). */
  readonly defaulted: boolean;
}

export interface LogVolumes {
  readonly functionsIngestGb: number;
  readonly appIngestGb: number;
  readonly storageGbMonth: number;
  readonly app: readonly AppLogVolume[];
}

export function logVolumes(inventory: AccountInventory, freeGb: number): LogVolumes {
  const functionsIngestGb = sum(inventory.functionLogs.map((f) => f.gbPerMonth));
  const functionsStorage = sum(
    inventory.functionLogs.map((f) => f.gbPerMonth * storedShare(f.retentionDays)),
  );
  // Each GB of an environment's app logs costs 1 GB of ingestion plus its stored share.
  const weight = (days: readonly number[]) =>
    1 + (days.length === 0 ? 0 : sum(days.map(storedShare)) / days.length);
  const configured = inventory.appLogs.filter((a) => a.configuredGbPerMonth !== undefined);
  const defaulted = inventory.appLogs.filter(
    (a) => a.configuredGbPerMonth === undefined && a.retentionDays.length > 0,
  );
  const used =
    functionsIngestGb +
    functionsStorage +
    sum(configured.map((a) => (a.configuredGbPerMonth ?? 0) * weight(a.retentionDays)));
  const rest = Math.max(0, freeGb - used);
  const totalWeight = sum(defaulted.map((a) => weight(a.retentionDays)));
  // Floored to the MB so the default never spends more than the budget.
  const share = totalWeight > 0 ? Math.floor((rest / totalWeight) * 1000) / 1000 : 0;
  const app: AppLogVolume[] = inventory.appLogs.map((a) => ({
    environment: a.environment,
    gbPerMonth: a.configuredGbPerMonth ?? (a.retentionDays.length > 0 ? share : 0),
    defaulted: a.configuredGbPerMonth === undefined,
  }));
  const appStorage = sum(
    inventory.appLogs.map((a, i) => {
      const gb = app[i]?.gbPerMonth ?? 0;
      return a.retentionDays.length === 0
        ? 0
        : (gb * sum(a.retentionDays.map(storedShare))) / a.retentionDays.length;
    }),
  );
  return {
    functionsIngestGb,
    appIngestGb: sum(app.map((a) => a.gbPerMonth)),
    storageGbMonth: functionsStorage + appStorage,
    app,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
