/**
 * A scenario's series as raw samples per minute, keyed `<prefix> <MetricName>` where the prefix is
 * `app` (the environment's application namespace), `probe`, or the AWS namespace. Every key must
 * name a metric the environment's catalog reads, so a misspelt key is an error, not a silent gap.
 */
import { PROBE_NAMESPACE } from '../../catalog/app-metrics';
import type { ResolvedCatalog } from '../../catalog/resolve';
import type { AlarmQuery, MetricRef } from '../../catalog/types';
import type { MetricLookup } from '../evaluate';
import { expandSeries, type Value } from '../notation';
import { gaugeSamples, latencySamples, ratioSamples, type SampleSeries, withNoise } from '../samples';
import { type Scenario, ScenarioError } from './format';

/** The series prefix of a namespace. */
export function seriesPrefix(namespace: string, appNamespace: string): string {
  return namespace === appNamespace ? 'app' : namespace === PROBE_NAMESPACE ? 'probe' : namespace;
}

function refsOf(query: AlarmQuery): MetricRef[] {
  return query.kind === 'metric' ? [query.metric] : Object.values(query.metrics);
}

// An HTTP API's 5xx is the same 0/1 samples as a REST stage's 5XXError.
const ALIASES: Readonly<Record<string, string>> = { 'AWS/ApiGateway 5xx': 'AWS/ApiGateway 5XXError' };

/** Series keys of every metric the environment's alarms and dashboard-only signals read, sorted. */
export function metricKeys(catalog: ResolvedCatalog): string[] {
  const specs = [
    ...catalog.alarms.flatMap((a) => (a.kind === 'metric-alarm' ? [a] : [])),
    ...catalog.dashboardOnly.map((d) => d.spec),
  ];
  const keys = new Set<string>();
  for (const spec of specs) {
    for (const ref of refsOf(spec.query)) {
      const key = `${seriesPrefix(ref.namespace, catalog.context.appNamespace)} ${ref.metricName}`;
      keys.add(ALIASES[key] ?? key);
    }
  }
  return [...keys].sort();
}

export function buildSeries(scenario: Scenario, catalog: ResolvedCatalog): Map<string, SampleSeries> {
  const known = metricKeys(catalog);
  // A series that only gives another its sample counts (requests for a ratio) may be unread.
  const countSources = new Set(
    Object.values(scenario.series).flatMap((s) => (s.samplesFrom ? [s.samplesFrom] : [])),
  );
  for (const key of Object.keys(scenario.series)) {
    if (!known.includes(key) && !countSources.has(key)) {
      throw new ScenarioError(
        `series "${key}" is not a metric of ${scenario.environment}; its metric keys are: ${known.join(', ')}`,
      );
    }
  }
  const expanded = new Map<string, Value[]>();
  for (const [key, spec] of Object.entries(scenario.series)) {
    let pattern: Value[];
    try {
      pattern = expandSeries(spec.values);
    } catch (error) {
      throw new ScenarioError(`series "${key}": ${(error as Error).message}`);
    }
    if (spec.repeat && spec.repeat > 1 && pattern.length !== Math.floor(scenario.minutes / spec.repeat)) {
      throw new ScenarioError(
        `series "${key}" repeats a pattern of ${pattern.length} values ${spec.repeat} times, but the scenario runs ${scenario.minutes} minutes`,
      );
    }
    const values = Array.from({ length: spec.repeat ?? 1 }, () => pattern).flat();
    if (values.length < scenario.minutes) {
      throw new ScenarioError(
        `series "${key}" has ${values.length} values, the scenario runs ${scenario.minutes} minutes`,
      );
    }
    expanded.set(key, spec.noise ? withNoise(values, spec.noise, key) : values);
  }
  const out = new Map<string, SampleSeries>();
  for (const [key, spec] of Object.entries(scenario.series)) {
    const values = expanded.get(key) as Value[];
    const counts = spec.samplesFrom ? expanded.get(spec.samplesFrom) : undefined;
    if (spec.samplesFrom && !counts)
      throw new ScenarioError(`series "${key}": samplesFrom "${spec.samplesFrom}" is not a series`);
    const shape = spec.shape ?? (counts ? 'ratio' : 'gauge');
    if (shape !== 'gauge' && !counts)
      throw new ScenarioError(`series "${key}": shape ${shape} needs samplesFrom`);
    out.set(
      key,
      shape === 'gauge'
        ? gaugeSamples(values)
        : shape === 'ratio'
          ? ratioSamples(values, counts as Value[])
          : latencySamples(values, counts as Value[]),
    );
  }
  return out;
}

/** Looks a metric up by its series key (dimensions are the environment's own). */
export function seriesLookup(series: ReadonlyMap<string, SampleSeries>, appNamespace: string): MetricLookup {
  return (metric) => {
    const key = `${seriesPrefix(metric.namespace, appNamespace)} ${metric.metricName}`;
    return series.get(ALIASES[key] ?? key);
  };
}
