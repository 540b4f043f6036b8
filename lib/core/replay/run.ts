/**
 * The replay's run loop: a resolved catalog's synthesized alarms evaluated minute by minute over a
 * set of metric series, with ingestion delay and mute windows. Returns every alarm's state timeline
 * and the pages it sends. Scenarios (scenario/) and the CloudWatch backtest both call `replayAlarms`.
 */
import { compositeAlarmProperties, metricAlarmProperties } from '../catalog/alarm-properties';
import { alarmName } from '../catalog/naming';
import type { ResolvedCatalog } from '../catalog/resolve';
import type { MetricAlarmSpec } from '../catalog/types';
import type { Severity } from '../severity/severities';
import {
  AlarmEvaluator,
  type AlarmState,
  compositeInAlarm,
  INITIAL_STATE,
  type IngestionDelay,
  type MetricLookup,
} from './evaluate';

export interface AlarmTrace {
  readonly id: string;
  readonly name: string;
  readonly severity: Severity;
  /** False for alarms whose actions are disabled (the parts of a composite). */
  readonly pages: boolean;
  readonly threshold?: number;
  readonly comparison?: string;
  /** Most recent datapoint at each evaluation minute (index = minute). */
  readonly values: readonly (number | undefined)[];
  /** State at each minute; minute 0 is the state at creation (INSUFFICIENT_DATA). */
  readonly states: readonly AlarmState[];
  readonly transitions: readonly {
    readonly minute: number;
    readonly from: AlarmState;
    readonly to: AlarmState;
  }[];
  readonly firstAlarmMinute?: number;
  /**
   * With `warmUp`, the first minute the data let the alarm decide (Infinity: never); before it,
   * INSUFFICIENT_DATA. @default - 1
   */
  readonly evaluatedFrom?: number;
}

export interface Page {
  readonly minute: number;
  readonly alarm: string;
  readonly severity: Severity;
}

/** Minutes [from, to] in which alarm actions are muted (alarms keep evaluating). */
export interface MuteWindow {
  readonly from: number;
  readonly to: number;
  /** Alarm ids the mute applies to. @default - every alarm */
  readonly alarms?: readonly string[];
  /** Why, for the report. @default - none */
  readonly reason?: string;
}

export interface ReplayOptions {
  /** Minutes to evaluate (evaluation times 1..minutes). */
  readonly minutes: number;
  /** Ingestion delay per namespace. @default - none (every sample readable at once) */
  readonly ingestionDelay?: IngestionDelay;
  /** @default - none */
  readonly mutes?: readonly MuteWindow[];
  /**
   * Nothing is known before minute 0 (a backtest's export): each alarm stays INSUFFICIENT_DATA
   * until the data let it decide (AlarmEvaluator.evaluate's `knownFrom`).
   * @default - false: minutes before 0 repeat minute 0 (a scenario's metrics existed before it)
   */
  readonly warmUp?: boolean;
}

export interface ReplayRun {
  readonly alarms: readonly AlarmTrace[];
  /** Pages sent: changes into ALARM of an alarm with actions, outside mute windows, by minute. */
  readonly pages: readonly Page[];
  /** Pages a mute window swallowed. */
  readonly mutedPages: readonly (Page & { readonly mute: MuteWindow })[];
}

/** Evaluates the catalog's synthesized alarms over the series `lookup` finds. */
export function replayAlarms(
  catalog: ResolvedCatalog,
  lookup: MetricLookup,
  options: ReplayOptions,
): ReplayRun {
  const environment = catalog.environment;
  const metricSpecs = catalog.alarms.filter((a): a is MetricAlarmSpec => a.kind === 'metric-alarm');
  const evaluators = metricSpecs.map((spec) => ({
    spec,
    name: alarmName(environment, spec.severity, spec.id),
    evaluator: new AlarmEvaluator(metricAlarmProperties(environment, spec), lookup, options.ingestionDelay),
  }));
  const composites = catalog.alarms.flatMap((a) =>
    a.kind === 'composite-alarm'
      ? [
          {
            spec: a,
            props: compositeAlarmProperties(
              environment,
              a,
              (id) => metricSpecs.find((m) => m.id === id)?.severity ?? 'P1',
            ),
          },
        ]
      : [],
  );
  // Warm-up: the first minute each alarm could decide; a composite waits for every alarm it names.
  const decidedFrom = new Map<string, number>();
  const compositeParts = new Map(
    composites.map(({ spec, props }) => [
      spec.id,
      metricSpecs
        .filter((m) => props.AlarmRule.includes(`"${alarmName(environment, m.severity, m.id)}"`))
        .map((m) => m.id),
    ]),
  );
  const traces = new Map<string, { values: (number | undefined)[]; states: AlarmState[] }>();
  const states = new Map<string, AlarmState>();
  for (const a of catalog.alarms) {
    traces.set(a.id, { values: [undefined], states: [INITIAL_STATE] });
    states.set(alarmName(environment, a.severity, a.id), INITIAL_STATE);
  }
  for (let t = 1; t <= options.minutes; t++) {
    for (const { spec, name, evaluator } of evaluators) {
      const before = states.get(name) ?? INITIAL_STATE;
      const next = evaluator.evaluate(t, before, options.warmUp ? 0 : undefined);
      states.set(name, next);
      if (!decidedFrom.has(spec.id) && (!options.warmUp || evaluator.decides(t, 0)))
        decidedFrom.set(spec.id, t);
      const trace = traces.get(spec.id);
      // In warm-up only a period that lies inside the data has a datapoint.
      trace?.values.push(!options.warmUp || t >= evaluator.period ? evaluator.datapoint(t, 0) : undefined);
      trace?.states.push(next);
    }
    for (const { spec, props } of composites) {
      const warm = (compositeParts.get(spec.id) ?? []).every((id) => decidedFrom.has(id));
      if (warm && !decidedFrom.has(spec.id)) decidedFrom.set(spec.id, t);
      const next: AlarmState = !warm ? INITIAL_STATE : compositeInAlarm(props, states) ? 'ALARM' : 'OK';
      states.set(props.AlarmName, next);
      const trace = traces.get(spec.id);
      trace?.values.push(next === 'ALARM' ? 1 : next === 'OK' ? 0 : undefined);
      trace?.states.push(next);
    }
  }

  const alarms: AlarmTrace[] = catalog.alarms.map((a) => {
    const trace = traces.get(a.id) ?? { values: [], states: [] };
    const transitions = trace.states.flatMap((s, minute) => {
      const previous = trace.states[minute - 1];
      return previous !== undefined && previous !== s ? [{ minute, from: previous, to: s }] : [];
    });
    const firstAlarm = transitions.find((x) => x.to === 'ALARM')?.minute;
    return {
      id: a.id,
      name: alarmName(environment, a.severity, a.id),
      severity: a.severity,
      pages: a.kind === 'composite-alarm' || a.actionsEnabled,
      ...(a.kind === 'metric-alarm' ? { threshold: a.threshold, comparison: a.comparison } : {}),
      values: trace.values,
      states: trace.states,
      transitions,
      ...(firstAlarm !== undefined ? { firstAlarmMinute: firstAlarm } : {}),
      ...(options.warmUp ? { evaluatedFrom: decidedFrom.get(a.id) ?? Number.POSITIVE_INFINITY } : {}),
    };
  });
  // Actions fire on state changes only: a page is a change into ALARM of an alarm with actions.
  const sent = alarms
    .filter((a) => a.pages)
    .flatMap((a) =>
      a.transitions
        .filter((x) => x.to === 'ALARM')
        .map((x): Page => ({ minute: x.minute, alarm: a.id, severity: a.severity })),
    )
    .sort((a, b) => a.minute - b.minute);
  const pages: Page[] = [];
  const mutedPages: (Page & { mute: MuteWindow })[] = [];
  for (const page of sent) {
    const mute = (options.mutes ?? []).find(
      (w) =>
        page.minute >= w.from &&
        page.minute <= w.to &&
        (w.alarms === undefined || w.alarms.includes(page.alarm)),
    );
    if (mute) mutedPages.push({ ...page, mute });
    else pages.push(page);
  }
  return { alarms, pages, mutedPages };
}
