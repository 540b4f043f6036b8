/**
 * Ingestion delay: how many minutes after a minute ends its datapoint can be read by an alarm.
 * The replay hides every sample younger than its namespace's delay at each evaluation, so printed
 * detection latencies include it. Keys are the scenario series prefixes (`app`, `probe`, or a
 * namespace); a scenario can set its own (`ingestionDelay:`).
 *
 * Defaults, and why:
 * - AWS/ApiGateway, AWS/RDS, AWS/ElastiCache, AWS/SQS, AWS/EC2: 1 minute. These services publish
 *   1-minute datapoints ("Amazon RDS automatically sends metrics to CloudWatch every minute for each active database"; API Gateway and
 *   ElastiCache metrics have 60-second granularity), so a minute's datapoint exists only once the
 *   minute is over and has been pushed.
 * - probe: 0 minutes after the minute ends. The probe's datapoint is one check taken at the start of
 *   its minute (a rate(1 minute) schedule) and written at once as an EMF log line, so the rest of
 *   the minute covers its delivery; unlike a service metric it does not wait for the minute to end.
 * - app: 1 minute. Micrometer's CloudWatch registry sends each 1-minute step when the step closes
 *   (PutMetricData), like a service metric (the metric math page warns of metrics "published with
 *   a slight delay, and the most recent minute never has data").
 * A scenario can set longer delays to see what they cost (test/core/replay/scenarios.test.ts).
 */
export const DEFAULT_INGESTION_DELAY_MINUTES: Readonly<Record<string, number>> = {
  'AWS/ApiGateway': 1,
  'AWS/RDS': 1,
  'AWS/ElastiCache': 1,
  'AWS/SQS': 1,
  'AWS/EC2': 1,
  probe: 0,
  app: 1,
};

/** Delay for namespaces not listed (any other AWS service publishing 1-minute data). */
export const FALLBACK_INGESTION_DELAY_MINUTES = 1;

/** The delay of a series prefix, with a scenario's overrides first. */
export function ingestionDelayOf(prefix: string, overrides: Readonly<Record<string, number>> = {}): number {
  return overrides[prefix] ?? DEFAULT_INGESTION_DELAY_MINUTES[prefix] ?? FALLBACK_INGESTION_DELAY_MINUTES;
}
