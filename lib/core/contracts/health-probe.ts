/** The event the schedule sends the probe; shared with the construct that sets it. */
export const PROBE_EVENT_KIND = 'ops-stack.health-probe';

export interface ProbeEvent {
  readonly kind: typeof PROBE_EVENT_KIND;
}

export function parseProbeEvent(event: unknown): ProbeEvent {
  if (
    typeof event !== 'object' ||
    event === null ||
    (event as { kind?: unknown }).kind !== PROBE_EVENT_KIND
  ) {
    throw new Error(
      `expected a scheduler event {"kind":"${PROBE_EVENT_KIND}"}, got ${JSON.stringify(event)}`,
    );
  }
  return { kind: PROBE_EVENT_KIND };
}
