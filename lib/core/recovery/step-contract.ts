/**
 * The document the state machine carries from step to step, and the events its steps receive. One
 * zod schema: the types below are inferred from it, and the step function parses every event with it.
 */
import { z } from 'zod';
import { incidentSchema } from './incident';
import { sourceSettingsSchema } from './source-settings';

const iso = z.iso.datetime();

const assessmentSchema = z.object({
  verdict: z.enum(['healthy', 'wait', 'fix', 'restore']),
  state: z.string(),
  reason: z.string(),
  checkedAt: iso,
  firstTransientAt: iso.optional(),
  graceOver: z.boolean().optional(),
  recentEvents: z.array(z.string()).optional(),
  pendingMaintenance: z.array(z.string()).optional(),
});

export const planSchema = z.object({
  incidentId: z.string().min(1),
  method: z.enum(['pitr-instance', 'pitr-retained-backup', 'snapshot']),
  source: z.string().min(1),
  sourceArn: z.string().optional(),
  snapshotId: z.string().optional(),
  restorePoint: iso,
  rpoSeconds: z.number().nonnegative(),
  targetId: z.string().min(1),
  settings: sourceSettingsSchema,
  settingsFrom: z.enum(['live', 'captured']),
});

export const workflowStateSchema = z.looseObject({
  incident: incidentSchema,
  assessment: assessmentSchema.optional(),
  plan: planSchema.optional(),
  approval: z.object({ approved: z.boolean(), by: z.string().optional(), at: iso }).optional(),
  restore: z.object({ targetId: z.string().min(1), startedAt: iso, existing: z.boolean() }).optional(),
  target: z
    .object({
      status: z.string(),
      endpoint: z.string().optional(),
      ready: z.boolean(),
      timedOut: z.boolean(),
      pendingReboot: z.boolean(),
      availableAt: iso.optional(),
    })
    .optional(),
  modified: z.object({ at: iso, modified: z.boolean(), rebooted: z.boolean() }).optional(),
  switched: z
    .object({
      done: z.boolean(),
      phase: z.string(),
      at: iso,
      /** When the switch was first tried: the switch loop gives up after SWITCH_TIMEOUT_MINUTES. */
      since: iso.optional(),
      endpoint: z.string().optional(),
      instance: z.string().optional(),
      renamedSource: z.string().optional(),
    })
    .optional(),
  restart: z.object({ note: z.string(), at: iso }).optional(),
  verify: z.object({ verified: z.boolean(), endpoint: z.string(), address: z.string(), at: iso }).optional(),
  /** Set by the catch of the state that failed: the error Step Functions caught. */
  failure: z.object({ Error: z.string(), Cause: z.string().optional() }).optional(),
  /** The name of the state that failed, set next to `failure`. */
  failedState: z.string().optional(),
});
export type WorkflowState = z.infer<typeof workflowStateSchema>;

export const ACTIONS = [
  'capture',
  'assess',
  'plan',
  'request-approval',
  'restore',
  'wait-target',
  'modify',
  'switch',
  'restart',
  'verify',
  'report',
  'notify',
  'report-failure',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Steps that change something in the account; a dry run (`mode: plan`) never reaches them. */
export const MUTATING_ACTIONS: readonly Action[] = [
  'request-approval',
  'restore',
  'modify',
  'switch',
  'restart',
];

export const noticeSchema = z.object({
  severity: z.enum(['P0', 'P1']),
  title: z.string().min(1),
  cause: z.string().optional(),
});

const captureEventSchema = z.strictObject({ action: z.literal('capture') });
const stateStepSchema = z.strictObject({
  action: z.enum(ACTIONS).exclude(['capture']),
  state: workflowStateSchema,
  taskToken: z.string().min(1).optional(),
  /** For `notify`: why the workflow pages. */
  notice: noticeSchema.optional(),
});
export const stepEventSchema = z.union([captureEventSchema, stateStepSchema]);
export type StepEvent = z.infer<typeof stateStepSchema>;
export type CaptureEvent = z.infer<typeof captureEventSchema>;

export class MalformedStepError extends Error {
  override readonly name = 'MalformedStepError';
}

export function parseStepEvent(event: unknown): StepEvent | CaptureEvent {
  const action = (event as { action?: unknown } | null)?.action;
  const schema = action === 'capture' ? captureEventSchema : stateStepSchema;
  const parsed = schema.safeParse(event);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`);
    throw new MalformedStepError(`malformed recovery step: ${problems.join('; ')}`);
  }
  return parsed.data;
}
