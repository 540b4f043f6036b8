/**
 * Deterministic names per incident: the execution name and the restore target identifier are
 * derived from the instance and the failure time (to the hour), so repeated triggers of one
 * incident start one execution and restore into one target (`DBInstanceAlreadyExists` is the
 * idempotency key).
 */
export interface Incident {
  readonly id: string;
  readonly instance: string;
  readonly failureTime: string;
  readonly signal: 'RDS-EVENT-0031' | 'RDS-EVENT-0003' | 'alarm' | 'manual';
  readonly signalTime: string;
  readonly mode: 'recover' | 'plan';
}

export function incidentStamp(failureTime: string): string {
  const t = new Date(failureTime);
  if (Number.isNaN(t.getTime())) throw new Error(`failure time "${failureTime}" is not a timestamp`);
  return t.toISOString().slice(0, 13).replace(/[-T]/g, '');
}

export function newIncident(
  instance: string,
  failureTime: string,
  signal: Incident['signal'],
  signalTime: string,
  mode: Incident['mode'] = 'recover',
): Incident {
  return { id: `${instance}-${incidentStamp(failureTime)}`, instance, failureTime, signal, signalTime, mode };
}

/** Step Functions execution names: 1-80 characters of letters, digits, - and _. */
export function executionName(incident: Incident): string {
  return `${incident.mode === 'plan' ? 'plan-' : ''}${incident.id}`.slice(0, 80);
}

/** `<source>-r-<yyyymmddhh>`: within the 63-character limit, starting with a letter. */
export function restoreTargetId(instance: string, failureTime: string): string {
  const suffix = `-r-${incidentStamp(failureTime)}`;
  return `${instance.slice(0, 63 - suffix.length)}${suffix}`.replace(/-+$/, '');
}

/** What the target pattern in IAM allows: every restore target of this source. */
export function restoreTargetPattern(instance: string): string {
  return `${instance}-r-*`;
}

export function renamedSourceId(instance: string, when: string): string {
  const suffix = `-failed-${incidentStamp(when)}`;
  return `${instance.slice(0, 63 - suffix.length)}${suffix}`;
}
