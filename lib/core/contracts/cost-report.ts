/** The cost report's contract: written by its construct, parsed by the function with the same schema. */
import { z } from 'zod';

export const SETTINGS_VARIABLE = 'COST_REPORT_SETTINGS';

/** What the weekly schedule sends. */
export const SCHEDULE_EVENT_KIND = 'ops-stack.cost-report';

export const reportSettingsSchema = z.object({
  environment: z.string().min(1),
  region: z.string().min(1),
  expectationUsd: z.number().nonnegative(),
  topics: z.object({ P2: z.string().min(1), P3: z.string().min(1) }),
  deadLetterQueueUrl: z.string().min(1),
  stateParameter: z.string().min(1),
  repeatWindowHours: z.number().positive(),
});
export type ReportSettings = z.infer<typeof reportSettingsSchema>;
