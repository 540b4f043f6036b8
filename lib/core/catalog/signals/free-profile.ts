/**
 * The free profile's order: the signals it alarms, most important first. `resolveCatalog` keeps
 * them in this order until the environment's alarm-metric share is used; every signal not listed
 * stays on the dashboards only (it is alarmed in the standard profile).
 */
export const FREE_PROFILE_ORDER: readonly string[] = [
  'service-down',
  'api-error-rate-fast',
  'slo-burn-1h',
  // Above the latency SLO and DB connections: the 000 replay paged nobody without it.
  'queue-admission-stalled',
  // Within the 10 free alarm metrics of example prod: a latency-only degradation and a Redis
  // failure absorbed by the database page nothing else (replay: latency-only, redis-fallback).
  'api-latency-p95',
  'rds-cpu-high',
  'redis-memory-high',
  'kafka-consumer-lag',
  'slo-burn-6h',
  'queue-entry-latency-slo',
  'db-connections-high',
  'slo-burn-3d',
];

/** 1-based place of a signal in the free profile's order. @returns undefined when dashboard only */
export function freeProfileRank(id: string): number | undefined {
  const index = FREE_PROFILE_ORDER.indexOf(id);
  return index < 0 ? undefined : index + 1;
}
