/**
 * The notifier's contracts: its settings (written by the chat-notifier construct, parsed by the
 * function at start) and the ops-stack messages other functions publish to the paging topics.
 */
import { z } from 'zod';

export const SETTINGS_VARIABLE = 'NOTIFIER_SETTINGS';

export const resourceIdsSchema = z.object({
  dbInstanceIdentifier: z.string().min(1),
  cacheClusterId: z.string().min(1),
  replicationGroupId: z.string().min(1).optional(),
});
export type ResourceIds = z.infer<typeof resourceIdsSchema>;

export const flappingPolicySchema = z.object({
  /** More state changes than this inside the window is flapping. */
  changes: z.number().int().positive(),
  windowMinutes: z.number().int().positive(),
});
export type FlappingPolicy = z.infer<typeof flappingPolicySchema>;

export const postPolicySchema = z.object({
  timeoutMs: z.number().int().positive(),
  attempts: z.number().int().positive(),
  backoffMs: z.number().int().nonnegative(),
});
export type PostPolicy = z.infer<typeof postPolicySchema>;

export const chatTargetSchema = z.object({
  format: z.enum(['slack', 'json']),
  /** SSM SecureString parameter holding the webhook URL. */
  parameter: z.string().min(1),
});
export type ChatTarget = z.infer<typeof chatTargetSchema>;

export const notifierSettingsSchema = z.object({
  region: z.string().min(1),
  /** What every alarm name of this environment starts with (naming.ts `alarmNamePrefix`). */
  alarmNamePrefix: z.string().min(1),
  /** Paging topic ARN by severity: the only source of a message's severity. */
  topicArns: z.record(z.string(), z.string().min(1)),
  targets: z.record(z.string(), z.array(chatTargetSchema)),
  resources: resourceIdsSchema,
  dashboardName: z.string().min(1).optional(),
  flapping: flappingPolicySchema,
  post: postPolicySchema,
});
export type NotifierSettings = z.infer<typeof notifierSettingsSchema>;

/** Marks a message as ops-stack's own (recovery workflow, cost report). */
export const OPS_MESSAGE_SOURCE_PREFIX = 'ops-stack';
/** The recovery workflow's messages, from its steps and from its execution watch. */
export const RECOVERY_MESSAGE_SOURCE = `${OPS_MESSAGE_SOURCE_PREFIX}.recovery`;

/**
 * What ops-stack's functions publish to a paging topic. A `severity` in the body is accepted for
 * older publishers but never used: the topic the message arrived on decides its severity.
 */
export const opsMessageSchema = z.object({
  source: z.string().startsWith(OPS_MESSAGE_SOURCE_PREFIX),
  title: z.string({ error: 'expected "title" (a string)' }).min(1, 'expected a non-empty "title"'),
  lines: z.array(z.string(), { error: 'expected "lines" (a list of strings)' }),
});
export type OpsMessage = z.infer<typeof opsMessageSchema>;
