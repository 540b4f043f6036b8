/** `freeTier`: this environment's share of the account-wide free allowances. */
import { z } from 'zod';

export const freeTierSection = z
  .strictObject({
    alarmMetricShare: z
      .int()
      .min(0)
      .max(10)
      .default(10)
      .describe(
        "This environment's share of the account's 10 free alarm metrics; environments in one account must not exceed 10 together. @default - 10",
      ),
    customMetricShare: z
      .int()
      .min(0)
      .max(10)
      .default(10)
      .describe("This environment's share of the account's 10 free custom metrics. @default - 10"),
    dashboardShare: z
      .int()
      .min(0)
      .max(3)
      .default(3)
      .describe(
        "This environment's share of the account's 3 free dashboards: 2 or more gives separate SLO and Infrastructure dashboards, 1 one combined dashboard, 0 none. @default - 3",
      ),
  })
  .prefault({})
  .describe('How this environment shares the account-wide free allowances. @default - the whole allowance');
