/**
 * Turns a Spring Boot actuator health response into the probe state the catalog's alarms read
 * (`PROBE_HEALTH`). Pure: the handler does the I/O.
 */
import { PROBE_HEALTH } from '../../lib/core/catalog/app-metrics';

export type ProbeState = (typeof PROBE_HEALTH)[keyof typeof PROBE_HEALTH];

export interface Classification {
  readonly state: ProbeState;
  /** Overall actuator status, when there was one. */
  readonly status?: string;
  /** Components that are not UP, e.g. `{ db: 'DOWN' }`. */
  readonly failing: Readonly<Record<string, string>>;
  /** One sentence for the log and the alarm investigation. */
  readonly detail: string;
}

const DATABASE_COMPONENTS = new Set(['db', 'datasource', 'database']);
const REDIS_COMPONENTS = new Set(['redis']);
const HEALTHY = new Set(['UP']);
/** Actuator statuses that do not mean a component is down. */
const NOT_DOWN = new Set(['UP', 'UNKNOWN']);

export function classifyHealth(httpStatus: number, body: string): Classification {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return unreachable(`HTTP ${httpStatus} with a body that is not JSON (${preview(body)})`);
  }
  if (!isRecord(parsed) || typeof parsed.status !== 'string') {
    return unreachable(`HTTP ${httpStatus} with JSON that has no actuator "status" field`);
  }
  const status = parsed.status.toUpperCase();
  const failing = failingComponents(parsed.components);
  if (HEALTHY.has(status) && Object.keys(failing).length === 0) {
    return { state: PROBE_HEALTH.up, status, failing, detail: `UP (HTTP ${httpStatus})` };
  }
  const names = Object.keys(failing).map((n) => n.toLowerCase());
  const describe = (what: string) =>
    `${what}: status ${status}, failing ${Object.entries(failing)
      .map(([n, s]) => `${n}=${s}`)
      .join(', ')} (HTTP ${httpStatus})`;
  if (names.some((n) => DATABASE_COMPONENTS.has(n))) {
    return { state: PROBE_HEALTH.databaseDown, status, failing, detail: describe('database down') };
  }
  if (names.some((n) => REDIS_COMPONENTS.has(n))) {
    return { state: PROBE_HEALTH.redisDown, status, failing, detail: describe('redis down') };
  }
  if (names.length > 0) {
    return { state: PROBE_HEALTH.degraded, status, failing, detail: describe('degraded') };
  }
  return {
    state: PROBE_HEALTH.unreachable,
    status,
    failing,
    detail: `status ${status} without component details (HTTP ${httpStatus}); enable show-components for the probe`,
  };
}

export function unreachable(detail: string): Classification {
  return { state: PROBE_HEALTH.unreachable, failing: {}, detail };
}

function failingComponents(components: unknown): Record<string, string> {
  if (!isRecord(components)) return {};
  const failing: Record<string, string> = {};
  for (const [name, value] of Object.entries(components)) {
    if (isRecord(value) && typeof value.status === 'string' && !NOT_DOWN.has(value.status.toUpperCase())) {
      failing[name] = value.status.toUpperCase();
    }
  }
  return failing;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function preview(body: string): string {
  const oneLine = body.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 60)}…` : oneLine || 'empty';
}
