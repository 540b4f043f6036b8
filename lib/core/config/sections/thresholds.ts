/** `thresholds`: threshold overrides by signal id; ranges per signal are checked against the catalog. */
import { z } from 'zod';

export const thresholdsSection = z
  .record(z.string(), z.number())
  .default({})
  .describe('Threshold overrides by signal id (see docs/alarms.md). @default - the seed thresholds');
