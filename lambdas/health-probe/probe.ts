/** One probe run: GET the health URL with a deadline, classify, and build the metric record. */
import { PROBE_METRIC, PROBE_NAMESPACE } from '../../lib/core/catalog/app-metrics';
import { emfRecord } from '../shared/emf';
import { hasErrorName } from '../shared/errors';
import { type Classification, classifyHealth, unreachable } from './classify';

export interface ProbeSettings {
  readonly url: string;
  readonly timeoutMs: number;
  readonly environment: string;
}

export interface ProbeDependencies {
  readonly fetch: typeof globalThis.fetch;
  readonly now: () => number;
}

export interface ProbeResult extends Classification {
  readonly latencyMs: number;
  readonly httpStatus?: number;
  /** The embedded-metric-format record to print: exactly one custom metric. */
  readonly metricRecord: Record<string, unknown>;
}

export async function runProbe(settings: ProbeSettings, deps: ProbeDependencies): Promise<ProbeResult> {
  const started = deps.now();
  let classification: Classification;
  let httpStatus: number | undefined;
  try {
    const response = await deps.fetch(settings.url, {
      method: 'GET',
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    httpStatus = response.status;
    classification = classifyHealth(response.status, await response.text());
  } catch (error) {
    classification = unreachable(describeFetchError(error, settings.timeoutMs));
  }
  const latencyMs = deps.now() - started;
  return {
    ...classification,
    latencyMs,
    ...(httpStatus === undefined ? {} : { httpStatus }),
    metricRecord: emfRecord({
      namespace: PROBE_NAMESPACE,
      name: PROBE_METRIC,
      value: classification.state,
      unit: 'None',
      dimensions: { Environment: settings.environment },
      timestamp: started,
      properties: { latencyMs, detail: classification.detail, ...(httpStatus ? { httpStatus } : {}) },
    }),
  };
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (hasErrorName(error, 'TimeoutError', 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `request failed: ${error instanceof Error ? error.message : String(error)}${cause}`;
}
