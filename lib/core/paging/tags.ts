/**
 * The tags on every alarm, topic, function and mute rule: the one place their keys and values are
 * decided. The stack tags everything with project and environment; alarms add severity, signal id and
 * seed reference, topics their severity.
 */
import type { Severity } from '../severity/severities';

export const PROJECT_NAME = 'ops-stack';

export const TAG_KEYS = {
  project: 'Project',
  environment: 'Environment',
  severity: 'Severity',
  signal: 'SignalId',
  seed: 'SeedReference',
} as const;

export function stackTags(environment: string): Record<string, string> {
  return { [TAG_KEYS.project]: PROJECT_NAME, [TAG_KEYS.environment]: environment };
}

export function alarmTags(alarm: {
  readonly id: string;
  readonly severity: Severity;
  readonly seed: string;
}): Record<string, string> {
  return {
    [TAG_KEYS.severity]: alarm.severity,
    [TAG_KEYS.signal]: alarm.id,
    // Tag values allow letters, digits, spaces and _ . : / = + - @ only.
    [TAG_KEYS.seed]: `seed ${alarm.seed}`.replace(/[^\p{L}\p{N}\s_.:/=+\-@]/gu, '').replace(/\s+/g, ' '),
  };
}

export function topicTags(severity: Severity): Record<string, string> {
  return { [TAG_KEYS.severity]: severity };
}
