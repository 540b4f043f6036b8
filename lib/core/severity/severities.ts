/**
 * The paging severities: the one place each is defined (seed 002 s4.2). Topics, the config schema's
 * descriptions, the generated docs, the guard and the README's generated parts all read this table.
 */
export const SEVERITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface SeverityDefinition {
  readonly id: Severity;
  /** One word, as the seed names it. */
  readonly label: 'critical' | 'high' | 'medium' | 'low';
  /** How soon a person must respond, in minutes; 0 is at once (seed 002 s4.2). */
  readonly responseMinutes: number;
  /** What reaches this severity, in the seed's words. */
  readonly purpose: string;
}

export const SEVERITY_DEFINITIONS: Readonly<Record<Severity, SeverityDefinition>> = {
  P0: { id: 'P0', label: 'critical', responseMinutes: 0, purpose: 'the whole service is down' },
  P1: {
    id: 'P1',
    label: 'high',
    responseMinutes: 60,
    purpose: 'a main function (payment, booking) is unavailable',
  },
  P2: { id: 'P2', label: 'medium', responseMinutes: 240, purpose: 'part of a function is unavailable' },
  P3: { id: 'P3', label: 'low', responseMinutes: 1440, purpose: 'a minor error' },
};

/** "now", "within 1 hour", "within 4 hours", "within 24 hours". */
export function responseTime(severity: Severity): string {
  const minutes = SEVERITY_DEFINITIONS[severity].responseMinutes;
  if (minutes === 0) return 'now';
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    return `within ${hours} hour${hours === 1 ? '' : 's'}`;
  }
  return `within ${minutes} minutes`;
}

/** "P1 high: respond within 1 hour", the topic's display name and the schema's description. */
export function severityTitle(severity: Severity): string {
  return `${severity} ${SEVERITY_DEFINITIONS[severity].label}: respond ${responseTime(severity)}`;
}

/** "P0 respond now, P1 within 1 hour, ...": one line for docs. */
export function severitySummary(): string {
  return SEVERITIES.map((s) => `${s} ${s === 'P0' ? 'respond ' : ''}${responseTime(s)}`).join(', ');
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** Severities at or above the given one (P0 is highest). */
export function atOrAbove(severity: Severity): readonly Severity[] {
  return SEVERITIES.slice(0, SEVERITIES.indexOf(severity) + 1);
}
