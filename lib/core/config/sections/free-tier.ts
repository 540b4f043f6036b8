/**
 * `freeTier`: this environment's share of the free allowances of its billing family (the account,
 * or every account of an AWS Organization's payer: see `billing`).
 */
import { z } from 'zod';

/** CloudWatch's always-free allowances per billing family (the guard's prices.json has the same; a test compares). */
export const FREE_ALLOWANCES = { alarmMetricShare: 10, customMetricShare: 10, dashboardShare: 3 } as const;

export const freeTierSection = z
  .strictObject({
    alarmMetricShare: z
      .int()
      .min(0)
      .max(FREE_ALLOWANCES.alarmMetricShare)
      .default(FREE_ALLOWANCES.alarmMetricShare)
      .describe(
        "This environment's share of the account's 10 free alarm metrics; environments of one billing family must not exceed 10 together. @default - 10",
      ),
    customMetricShare: z
      .int()
      .min(0)
      .max(FREE_ALLOWANCES.customMetricShare)
      .default(FREE_ALLOWANCES.customMetricShare)
      .describe("This environment's share of the account's 10 free custom metrics. @default - 10"),
    dashboardShare: z
      .int()
      .min(0)
      .max(FREE_ALLOWANCES.dashboardShare)
      .default(FREE_ALLOWANCES.dashboardShare)
      .describe(
        "This environment's share of the account's 3 free dashboards: 2 or more gives separate SLO and Infrastructure dashboards, 1 one combined dashboard, 0 none. @default - 3",
      ),
    mixedProfiles: z
      .boolean()
      .default(false)
      .describe(
        "Accept free and standard environments in one billing family. Standard environments spend the same free allowances, so the free environments' guard reports the family's use but can no longer promise $0.00. Every environment of such a family must set it. @default - false: a family mixing profiles is refused",
      ),
  })
  .prefault({})
  .describe('How this environment shares the account-wide free allowances. @default - the whole allowance');
