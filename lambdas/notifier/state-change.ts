/**
 * CloudWatch's "Alarm State Change" event on the default event bus. CloudWatch sends it for every
 * state change, also while an alarm mute rule mutes the alarm's actions (and so its SNS message),
 * and also for INSUFFICIENT_DATA, for which ops-stack's alarms have no action at all.
 */
import { z } from 'zod';
import { type AlarmNotification, alarmStateSchema, datapointOf } from '../shared/messages';
import { parseOrThrow } from '../shared/sns-event';

export const STATE_CHANGE_SOURCE = 'aws.cloudwatch';
export const STATE_CHANGE_DETAIL_TYPE = 'CloudWatch Alarm State Change';

const stateSchema = z.object({
  value: alarmStateSchema,
  reason: z.string().optional(),
  reasonData: z.string().optional(),
  timestamp: z.string().optional(),
});

export const stateChangeEventSchema = z.object({
  source: z.literal(STATE_CHANGE_SOURCE, { error: `expected "${STATE_CHANGE_SOURCE}"` }),
  'detail-type': z.literal(STATE_CHANGE_DETAIL_TYPE, { error: `expected "${STATE_CHANGE_DETAIL_TYPE}"` }),
  detail: z.object({
    alarmName: z.string().min(1),
    state: stateSchema,
    previousState: stateSchema,
    configuration: z.object({ description: z.string().nullish() }).optional(),
  }),
});

export function isStateChangeEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && 'detail-type' in event;
}

/** The event as the same notification an alarm's SNS message gives. */
export function parseStateChange(event: unknown): AlarmNotification {
  const { detail } = parseOrThrow(stateChangeEventSchema, event, 'event');
  const reason = detail.state.reason ?? '';
  const threshold = thresholdOf(detail.state.reasonData);
  const current = datapointOf(reason);
  return {
    kind: 'alarm',
    alarmName: detail.alarmName,
    description: detail.configuration?.description ?? '',
    newState: detail.state.value,
    oldState: detail.previousState.value,
    reason,
    changedAt: detail.state.timestamp ?? '',
    ...(threshold !== undefined ? { threshold } : {}),
    ...(current !== undefined ? { currentValue: current } : {}),
  };
}

/** `reasonData` is a JSON string CloudWatch writes for threshold alarms; anything else is ignored. */
function thresholdOf(reasonData: string | undefined): number | undefined {
  try {
    const data: unknown = JSON.parse(reasonData ?? '');
    const parsed = z.object({ threshold: z.number() }).safeParse(data);
    return parsed.success ? parsed.data.threshold : undefined;
  } catch {
    return undefined;
  }
}
