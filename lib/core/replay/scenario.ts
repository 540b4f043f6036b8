/**
 * Replay scenarios (`scenarios/*.yaml`): metric series for one environment, run through that
 * environment's synthesized alarms, with expectations about what pages and when.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { compositeAlarmProperties, metricAlarmProperties } from '../catalog/alarm-properties';
import { PROBE_NAMESPACE } from '../catalog/app-metrics';
import { alarmName } from '../catalog/naming';
import { resolveCatalog } from '../catalog/resolve';
import type { MetricAlarmSpec } from '../catalog/types';
import { ConfigError, parseEnvironment } from '../environments/load';
import { SEVERITIES } from '../severity/severities';
import {
  AlarmEvaluator,
  type AlarmState,
  compositeInAlarm,
  type AlarmEvaluator as Evaluator,
} from './evaluate';
import { expandSeries, type Value } from './notation';
import { gaugeSamples, latencySamples, ratioSamples, type SampleSeries, withNoise } from './samples';

const seriesSchema = z.strictObject({
  values: z.string().min(1).describe('Per-minute values in series notation'),
  samplesFrom: z.string().optional().describe('Series whose value is the sample count each minute'),
  shape: z.enum(['gauge', 'ratio', 'latency']).optional(),
  noise: z.number().min(0).max(1).optional().describe('Relative, deterministic noise'),
  repeat: z.int().min(1).optional().describe('Repeat the whole pattern this many times (a day into a week)'),
});

const expectationSchema = z.union([
  z.strictObject({ alarm: z.string(), inAlarmBy: z.int().nonnegative() }),
  z.strictObject({ alarm: z.string(), neverInAlarm: z.literal(true) }),
  z.strictObject({ severity: z.enum(SEVERITIES), pagedBy: z.int().nonnegative() }),
  z.strictObject({ noPages: z.strictObject({ from: z.int().nonnegative(), to: z.int().nonnegative() }) }),
]);

export const scenarioSchema = z.strictObject({
  name: z.string(),
  seed: z.string().describe('Where the incident comes from'),
  description: z.string(),
  environment: z.string().describe('config/<environment>.yaml'),
  overrides: z.record(z.string(), z.unknown()).default({}).describe('Top-level config keys to replace'),
  minutes: z.int().positive().max(20_160),
  onset: z
    .int()
    .nonnegative()
    .optional()
    .describe('Minute the incident starts; detection latency is measured from it'),
  target: z
    .strictObject({ minutes: z.number().positive(), seedFigure: z.string() })
    .optional()
    .describe('Detection target and what the seed reports'),
  series: z.record(z.string(), seriesSchema),
  expect: z.array(expectationSchema).default([]),
});

export type Scenario = z.output<typeof scenarioSchema>;

export interface AlarmTrace {
  readonly id: string;
  readonly name: string;
  readonly severity: string;
  readonly pages: boolean;
  readonly threshold?: number;
  readonly comparison?: string;
  /** Most recent datapoint at each evaluation minute (index = minute). */
  readonly values: readonly (number | undefined)[];
  readonly states: readonly AlarmState[];
  readonly transitions: readonly {
    readonly minute: number;
    readonly from: AlarmState;
    readonly to: AlarmState;
  }[];
  readonly firstAlarmMinute?: number;
}

export interface Page {
  readonly minute: number;
  readonly alarm: string;
  readonly severity: string;
}

export interface ReplayResult {
  readonly scenario: Scenario;
  readonly alarms: readonly AlarmTrace[];
  readonly pages: readonly Page[];
  readonly expectations: readonly {
    readonly text: string;
    readonly passed: boolean;
    readonly detail: string;
  }[];
  /** Minutes from onset to the first page, when there is an onset and a page after it. */
  readonly detectionMinutes?: number;
}

export function loadScenario(file: string): Scenario {
  const parsed = scenarioSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

export function runScenario(scenario: Scenario, configDir: string): ReplayResult {
  const raw = parse(readFileSync(join(configDir, `${scenario.environment}.yaml`), 'utf8')) as Record<
    string,
    unknown
  >;
  const parsed = parseEnvironment(
    scenario.environment,
    JSON.stringify({ ...raw, ...scenario.overrides }),
    scenario.environment,
  );
  if ('problems' in parsed) throw new ConfigError(parsed.problems);
  const config = parsed.config;
  const catalog = resolveCatalog(config);
  const series = buildSeries(scenario);
  const appNamespace = catalog.context.appNamespace;
  const lookup = (namespace: string, name: string): SampleSeries | undefined => {
    const prefix = namespace === appNamespace ? 'app' : namespace === PROBE_NAMESPACE ? 'probe' : namespace;
    // An HTTP API's 5xx is the same 0/1 samples as a REST stage's 5XXError.
    return series.get(`${prefix} ${name}`) ?? (name === '5xx' ? series.get(`${prefix} 5XXError`) : undefined);
  };

  const metricSpecs = catalog.alarms.filter((a): a is MetricAlarmSpec => a.kind === 'metric-alarm');
  const evaluators = metricSpecs.map((spec) => ({
    spec,
    evaluator: new AlarmEvaluator(metricAlarmProperties(config.name, spec), lookup) as Evaluator,
  }));
  const composites = catalog.alarms.flatMap((a) =>
    a.kind === 'composite-alarm'
      ? [
          {
            spec: a,
            props: compositeAlarmProperties(
              config.name,
              a,
              (id) => metricSpecs.find((m) => m.id === id)?.severity ?? 'P1',
            ),
          },
        ]
      : [],
  );
  const traces = new Map<string, { values: (number | undefined)[]; states: AlarmState[] }>();
  const states = new Map<string, AlarmState>();
  for (const a of catalog.alarms) {
    traces.set(a.id, { values: [undefined], states: ['OK'] });
    states.set(alarmName(config.name, a.severity, a.id), 'OK');
  }
  for (let t = 1; t <= scenario.minutes; t++) {
    for (const { spec, evaluator } of evaluators) {
      const name = alarmName(config.name, spec.severity, spec.id);
      const next = evaluator.evaluate(t, states.get(name) ?? 'OK');
      states.set(name, next);
      const trace = traces.get(spec.id);
      trace?.values.push(evaluator.datapoint(t, 0));
      trace?.states.push(next);
    }
    for (const { spec, props } of composites) {
      const next: AlarmState = compositeInAlarm(props, states) ? 'ALARM' : 'OK';
      states.set(props.AlarmName, next);
      const trace = traces.get(spec.id);
      trace?.values.push(next === 'ALARM' ? 1 : 0);
      trace?.states.push(next);
    }
  }

  const alarms: AlarmTrace[] = catalog.alarms.map((a) => {
    const trace = traces.get(a.id) ?? { values: [], states: [] };
    const transitions = trace.states.flatMap((s, minute) => {
      const previous = trace.states[minute - 1];
      return minute > 0 && previous !== undefined && previous !== s
        ? [{ minute, from: previous, to: s }]
        : [];
    });
    const firstAlarm = transitions.find((x) => x.to === 'ALARM')?.minute;
    return {
      id: a.id,
      name: alarmName(config.name, a.severity, a.id),
      severity: a.severity,
      pages: a.kind === 'composite-alarm' || a.actionsEnabled,
      ...(a.kind === 'metric-alarm' ? { threshold: a.threshold, comparison: a.comparison } : {}),
      values: trace.values,
      states: trace.states,
      transitions,
      ...(firstAlarm !== undefined ? { firstAlarmMinute: firstAlarm } : {}),
    };
  });
  // Actions fire on state changes only: a page is a change into ALARM of an alarm with actions.
  const pages = alarms
    .filter((a) => a.pages)
    .flatMap((a) =>
      a.transitions
        .filter((x) => x.to === 'ALARM')
        .map((x) => ({ minute: x.minute, alarm: a.id, severity: a.severity })),
    )
    .sort((a, b) => a.minute - b.minute);
  const onset = scenario.onset;
  const firstPageAfterOnset = onset === undefined ? undefined : pages.find((p) => p.minute >= onset);
  return {
    scenario,
    alarms,
    pages,
    expectations: scenario.expect.map((e) => checkExpectation(e, alarms, pages)),
    ...(firstPageAfterOnset && onset !== undefined
      ? { detectionMinutes: firstPageAfterOnset.minute - onset }
      : {}),
  };
}

function checkExpectation(
  e: Scenario['expect'][number],
  alarms: readonly AlarmTrace[],
  pages: readonly Page[],
): { text: string; passed: boolean; detail: string } {
  if ('inAlarmBy' in e || 'neverInAlarm' in e) {
    const alarm = alarms.find((a) => a.id === e.alarm);
    if (!alarm)
      return {
        text: `alarm ${e.alarm}`,
        passed: false,
        detail: `${e.alarm} is not an alarm in this environment`,
      };
    if ('neverInAlarm' in e) {
      return {
        text: `${e.alarm} never in ALARM`,
        passed: alarm.firstAlarmMinute === undefined,
        detail:
          alarm.firstAlarmMinute === undefined ? 'never fired' : `fired at minute ${alarm.firstAlarmMinute}`,
      };
    }
    const at = alarm.states.findIndex((s, minute) => minute <= e.inAlarmBy && s === 'ALARM');
    return {
      text: `${e.alarm} in ALARM by minute ${e.inAlarmBy}`,
      passed: at >= 0,
      detail:
        alarm.firstAlarmMinute === undefined ? 'never fired' : `fired at minute ${alarm.firstAlarmMinute}`,
    };
  }
  if ('pagedBy' in e) {
    const page = pages.find((p) => p.severity === e.severity);
    return {
      text: `${e.severity} paged by minute ${e.pagedBy}`,
      passed: page !== undefined && page.minute <= e.pagedBy,
      detail: page
        ? `first ${e.severity} page at minute ${page.minute} (${page.alarm})`
        : `no ${e.severity} page`,
    };
  }
  const inWindow = pages.filter((p) => p.minute >= e.noPages.from && p.minute <= e.noPages.to);
  return {
    text: `no page between minutes ${e.noPages.from} and ${e.noPages.to}`,
    passed: inWindow.length === 0,
    detail: inWindow.length === 0 ? 'none' : inWindow.map((p) => `${p.alarm} at ${p.minute}`).join(', '),
  };
}

function buildSeries(scenario: Scenario): Map<string, SampleSeries> {
  const expanded = new Map<string, Value[]>();
  for (const [key, spec] of Object.entries(scenario.series)) {
    const pattern = expandSeries(spec.values);
    if (spec.repeat && spec.repeat > 1 && pattern.length !== Math.floor(scenario.minutes / spec.repeat)) {
      throw new Error(
        `series "${key}" repeats a pattern of ${pattern.length} values ${spec.repeat} times, but the scenario runs ${scenario.minutes} minutes`,
      );
    }
    const values = Array.from({ length: spec.repeat ?? 1 }, () => pattern).flat();
    if (values.length < scenario.minutes) {
      throw new Error(
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
      throw new Error(`series "${key}": samplesFrom "${spec.samplesFrom}" is not a series`);
    const shape = spec.shape ?? (counts ? 'ratio' : 'gauge');
    if (shape !== 'gauge' && !counts) throw new Error(`series "${key}": shape ${shape} needs samplesFrom`);
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
