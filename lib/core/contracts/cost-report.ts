/** The cost report's contract: written by its construct, parsed by the function with the same schema. */
import { z } from 'zod';

export const SETTINGS_VARIABLE = 'COST_REPORT_SETTINGS';

/** What the weekly schedule sends. */
export const SCHEDULE_EVENT_KIND = 'ops-stack.cost-report';

/**
 * Cost Explorer requests one report run makes when `budget.costExplorer` is on: daily costs by
 * service, month to date by record type, the forecast. "The AWS Cost Explorer API incurs a charge of
 * 0.01 per request. Please note that if your result set is paginated each page counts as a separate
 * request." (AWS Cost Explorer FAQs); the report reads one page of each. The handler test asserts a
 * run never makes more.
 */
export const COST_EXPLORER_CALLS_PER_RUN = 3;

/**
 * Cost anomaly alerts a month, for pricing the reports they start: an assumption (AWS sends an
 * IMMEDIATE alert per anomaly over the threshold, and there is no way to know how many ahead).
 */
export const ASSUMED_ANOMALY_ALERTS_PER_MONTH = 2;

/**
 * Notices within one window of this many minutes are one burst: one report. Budgets sends its
 * notifications of one evaluation together, and an anomaly alert often follows a budget alert.
 */
export const BURST_WINDOW_MINUTES = 15;

export const reportSettingsSchema = z.object({
  environment: z.string().min(1),
  region: z.string().min(1),
  expectationUsd: z.number().nonnegative(),
  topics: z.object({ P2: z.string().min(1), P3: z.string().min(1) }),
  deadLetterQueueUrl: z.string().min(1),
  stateParameter: z.string().min(1),
  /** SSM path under which each burst is claimed once (PutParameter without overwrite). */
  burstClaimPath: z.string().startsWith('/'),
  repeatWindowHours: z.number().positive(),
  /** Cost Explorer detail (paid per request) instead of the free EstimatedCharges metric. */
  costExplorer: z.boolean(),
});
export type ReportSettings = z.infer<typeof reportSettingsSchema>;
