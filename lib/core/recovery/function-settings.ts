/**
 * The recovery function's settings: one JSON environment variable, written by the workflow construct
 * and parsed by the function at start with this same schema.
 */
import { z } from 'zod';

export const SETTINGS_VARIABLE = 'RECOVERY_SETTINGS';

export const switchSettingsSchema = z.discriminatedUnion('strategy', [
  z.object({ strategy: z.literal('parameter'), parameterName: z.string().min(1) }),
  z.object({ strategy: z.literal('secret'), secretId: z.string().min(1) }),
  z.object({ strategy: z.literal('rename') }),
  z.object({ strategy: z.literal('cname'), hostedZoneId: z.string().min(1), recordName: z.string().min(1) }),
]);
export type SwitchSettings = z.infer<typeof switchSettingsSchema>;

export const recoverySettingsSchema = z.object({
  environment: z.string().min(1),
  instance: z.string().min(1),
  /** SSM parameter with the captured source settings. */
  capturedParameter: z.string().min(1),
  topics: z.object({ P0: z.string().min(1), P1: z.string().min(1) }),
  graceMinutes: z.number().nonnegative(),
  restoreTimeoutMinutes: z.number().positive(),
  acceptBackingUp: z.boolean(),
  switch: switchSettingsSchema,
  restart: z.object({ cluster: z.string().min(1), service: z.string().min(1) }).optional(),
  stateMachineArn: z.string().min(1).optional(),
});
export type RecoverySettings = z.infer<typeof recoverySettingsSchema>;

/** The recovery-trigger function's settings, written by the triggers construct. */
export const TRIGGER_SETTINGS_VARIABLE = 'TRIGGER_SETTINGS';

export const triggerSettingsSchema = z.object({
  account: z.string().min(1),
  region: z.string().min(1),
  instance: z.string().min(1),
  stateMachineArn: z.string().min(1),
  databaseDownAlarmArn: z.string().min(1).optional(),
});
export type TriggerSettings = z.infer<typeof triggerSettingsSchema>;
