/**
 * `paging.maintenance`: recurring maintenance windows and the deploy mute, synthesized as CloudWatch
 * alarm mute rules. The limits come from the CloudWatch API Reference (PutAlarmMuteRule: "Each mute
 * rule can target up to 100 specific alarms by name"; Schedule: "a minimum of 1 minute (PT1M) and
 * maximum of 15 days (P15D)", "cron(Minutes Hours Day-of-month Month Day-of-week)",
 * "at(yyyy-MM-ddThh:mm)"); `lib/core/paging/mute-rules.ts` builds the rules from them.
 */
import { z } from 'zod';
import { SEVERITIES } from '../../severity/severities';

export const MUTE_RULE_LIMITS = {
  maxAlarms: 100,
  minMinutes: 1,
  maxMinutes: 15 * 24 * 60,
} as const;

/** One cron field: `*`, `-`, `,`, digits and English month/day names, as the Schedule type allows. */
const CRON_FIELD = /^[0-9A-Za-z*,\-/?#LW]+$/;

/** Why an expression is not a mute-rule cron, or undefined when it is. */
export function cronProblem(expression: string): string | undefined {
  const match = /^cron\((.+)\)$/.exec(expression);
  const fields = match?.[1]?.trim().split(/\s+/) ?? [];
  if (!match || fields.length !== 5 || !fields.every((f) => CRON_FIELD.test(f))) {
    return `expected cron(Minutes Hours Day-of-month Month Day-of-week), five fields such as cron(0 3 * * SUN), got "${expression}"`;
  }
  return undefined;
}

/** Whether a time zone is a tz database name this runtime knows (UTC included). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function durationProblem(minutes: number): string | undefined {
  if (
    !Number.isInteger(minutes) ||
    minutes < MUTE_RULE_LIMITS.minMinutes ||
    minutes > MUTE_RULE_LIMITS.maxMinutes
  ) {
    return `a mute lasts 1 minute to 15 days (${MUTE_RULE_LIMITS.maxMinutes} minutes), got ${minutes} minutes`;
  }
  return undefined;
}

const minutes = z
  .int()
  .min(MUTE_RULE_LIMITS.minMinutes)
  .max(MUTE_RULE_LIMITS.maxMinutes, { error: 'a mute lasts at most 15 days (21600 minutes)' });
const severities = z.array(z.enum(SEVERITIES)).default([]);

const window = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'expected a lowercase name such as weekly-db' })
      .describe('Names the mute rule: ops-<environment>-mute-window-<name>.'),
    cron: z
      .string()
      .superRefine((value, ctx) => {
        const problem = cronProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .describe(
        'When the window starts: cron(Minutes Hours Day-of-month Month Day-of-week), read in timeZone.',
      ),
    durationMinutes: minutes.describe('How long the window lasts (1 minute to 15 days).'),
    timeZone: z
      .string()
      .refine(isTimeZone, { error: 'expected a tz database time zone such as Asia/Seoul' })
      .default('UTC')
      .describe('Time zone the cron is read in. @default - UTC'),
    severities: severities.describe('Mute every alarm of these severities. @default - none'),
    signals: z
      .array(z.string().min(1))
      .default([])
      .describe('Mute the alarms of these signal ids (see docs/alarms.md). @default - none'),
    reason: z.string().min(1).max(1000).describe('Why, shown on the mute rule in the console.'),
  })
  .refine((w) => w.severities.length + w.signals.length > 0, {
    error: 'a window mutes something: give severities, signals or both',
  });

export const maintenanceSection = z
  .strictObject({
    windows: z
      .array(window)
      .default([])
      .describe(
        'Recurring maintenance windows: alarms keep evaluating, their pages are muted. @default - none',
      ),
    deploy: z
      .strictObject({
        minutes: minutes.describe('How long after the deploy starts its alarms stay muted.'),
        severities: z
          .array(z.enum(SEVERITIES))
          .min(1)
          .default(['P1', 'P2', 'P3'])
          .describe(
            'Which severities a deploy mutes. @default - P1, P2, P3: a deploy never hides service down',
          ),
      })
      .optional()
      .describe(
        'Mute the alarms a deploy touches (every alarm of the stack at these severities) from the deploy for this long. @default - deploys page as usual',
      ),
  })
  .prefault({})
  .describe('Maintenance windows and deploy quiet as CloudWatch alarm mute rules. @default - none');
