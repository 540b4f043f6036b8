/**
 * Deterministic names per incident. The incident id and the restore target identifier are derived
 * from the instance and the failure time (to the hour), so a rerun for the same failure continues
 * with the same target (`DBInstanceAlreadyExists` plus the incident tag are the idempotency key).
 * Which execution may run is decided by the claim (claim.ts), not by these names.
 */
import { z } from 'zod';

export const INCIDENT_SIGNALS = ['RDS-EVENT-0031', 'RDS-EVENT-0003', 'alarm', 'manual'] as const;

export const incidentSchema = z.strictObject({
  id: z.string().min(1),
  instance: z.string().min(1),
  failureTime: z.iso.datetime(),
  signal: z.enum(INCIDENT_SIGNALS),
  signalTime: z.iso.datetime(),
  mode: z.enum(['recover', 'plan']),
});
export type Incident = z.infer<typeof incidentSchema>;

/** Tags the workflow puts on the instance it restores, so it can always tell its own instance. */
export const INCIDENT_TAG = 'ops-stack:incident';
export const RESTORED_FROM_TAG = 'ops-stack:restored-from';

/** `yyyymmddhh` of a time: ten characters, what the IAM patterns below match exactly. */
export function incidentStamp(failureTime: string): string {
  const t = new Date(failureTime);
  if (Number.isNaN(t.getTime())) throw new Error(`failure time "${failureTime}" is not a timestamp`);
  return t.toISOString().slice(0, 13).replace(/[-T]/g, '');
}
const STAMP_PATTERN = '?'.repeat(10);

export function incidentId(instance: string, failureTime: string): string {
  return `${instance}-${incidentStamp(failureTime)}`;
}

export function newIncident(
  instance: string,
  failureTime: string,
  signal: Incident['signal'],
  signalTime: string,
  mode: Incident['mode'] = 'recover',
): Incident {
  return { id: incidentId(instance, failureTime), instance, failureTime, signal, signalTime, mode };
}

/**
 * `<source>-r-<yyyymmddhh>`. The config refuses identifiers without room for the suffix
 * (lib/core/environments/checks.ts), so the name is never shortened and always matches
 * `restoreTargetPattern`.
 */
export function restoreTargetId(instance: string, failureTime: string): string {
  return `${instance}-r-${incidentStamp(failureTime)}`;
}

/** The IAM resource pattern of restore targets: `?` matches exactly one character, so no other instance fits. */
export function restoreTargetPattern(instance: string): string {
  return `${instance}-r-${STAMP_PATTERN}`;
}

/** `<source>-failed-<yyyymmddhh>`: where rename mode moves the failed source. */
export function renamedSourceId(instance: string, when: string): string {
  return `${instance}-failed-${incidentStamp(when)}`;
}

export function renamedSourcePattern(instance: string): string {
  return `${instance}-failed-${STAMP_PATTERN}`;
}
