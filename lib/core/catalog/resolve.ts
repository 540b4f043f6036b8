/**
 * Resolves the catalog for one environment and applies its alarm profile: which signals become
 * alarms, which stay on the dashboards only (and why), and which do not apply at all.
 */
import type { EnvironmentConfig } from '../config/schema';
import { countAlarmMetrics } from './alarm-metrics';
import { metricAlarmProperties } from './alarm-properties';
import { type AppMetric, publishedAppMetrics } from './app-metrics';
import { FREE_PROFILE_ORDER, SIGNALS, type SignalDefinition } from './signals';
import type { AlarmSpec, CompositeAlarmSpec, MetricAlarmSpec, SignalContext } from './types';

export interface DashboardOnlySignal {
  readonly spec: MetricAlarmSpec;
  readonly reason: string;
}

export interface NotApplicableSignal {
  readonly id: string;
  readonly title: string;
  readonly reason: string;
}

export interface ResolvedCatalog {
  readonly environment: string;
  readonly profile: EnvironmentConfig['profile'];
  /** Alarms to create, in catalog order. */
  readonly alarms: readonly AlarmSpec[];
  /** Signals shown on a dashboard but not alarmed in this profile. */
  readonly dashboardOnly: readonly DashboardOnlySignal[];
  readonly notApplicable: readonly NotApplicableSignal[];
  /** The custom metrics this environment's application must publish. */
  readonly appMetrics: readonly AppMetric[];
  /** Standard alarm metrics the alarms above are billed for. */
  readonly alarmMetrics: number;
  /** What the signals were resolved against (dashboards read the same). */
  readonly context: SignalContext;
}

export const PRECISE_COMPOSITE_ID = 'slo-burn-page';

/** Title, runbook and display unit of a signal or the precise composite, by id. */
export function signalSummary(
  id: string,
): { title: string; runbook: readonly string[]; unit?: MetricAlarmSpec['unit'] } | undefined {
  const signal = SIGNALS.find((s) => s.id === id);
  if (signal) return { title: signal.title, runbook: signal.runbook, unit: signal.unit };
  const composite = preciseComposite();
  return id === composite.id ? { title: composite.title, runbook: composite.runbook } : undefined;
}

/** Ids of every catalog signal, for validating `thresholds` overrides. */
export function signalIds(): readonly string[] {
  return SIGNALS.map((s) => s.id);
}

export function appNamespaceOf(config: EnvironmentConfig): string {
  return config.app.metricsNamespace ?? `Ticketing/${config.name}`;
}

/** Resources other constructs own that some signals read. */
export interface CatalogResources {
  /** @default - the dead-letter signal is not applicable */
  readonly pagingDeadLetterQueueName?: string;
}

export function resolveCatalog(config: EnvironmentConfig, resources: CatalogResources = {}): ResolvedCatalog {
  const appMetrics = publishedAppMetrics(config.profile, config.freeTier.customMetricShare);
  const ctx: SignalContext = {
    config,
    appNamespace: appNamespaceOf(config),
    publishedMetrics: new Set(appMetrics.map((m) => m.name)),
    ...resources,
  };
  const precise = config.slo.precise;
  const candidates: { definition: SignalDefinition; spec: MetricAlarmSpec }[] = [];
  const notApplicable: NotApplicableSignal[] = [];
  for (const definition of SIGNALS) {
    if (definition.preciseOnly && !precise) continue;
    const missing = (definition.needsAppMetrics ?? []).filter((m) => !ctx.publishedMetrics.has(m));
    if (missing.length > 0) {
      notApplicable.push({
        id: definition.id,
        title: definition.title,
        reason: `needs custom metric ${missing.join(', ')}, which the ${config.profile} profile's share of ${config.freeTier.customMetricShare} custom metrics leaves out`,
      });
      continue;
    }
    const query = definition.query(ctx);
    if ('notApplicable' in query) {
      notApplicable.push({ id: definition.id, title: definition.title, reason: query.notApplicable });
      continue;
    }
    candidates.push({ definition, spec: toSpec(definition, ctx, query, precise) });
  }

  const costOf = (spec: MetricAlarmSpec) =>
    countAlarmMetrics('AWS::CloudWatch::Alarm', metricAlarmProperties(config.name, spec) as never).standard;

  // Why a signal stays on the dashboards, by id; every other candidate becomes an alarm.
  const dashboardReasons = new Map<string, string>();
  let used = 0;
  if (config.profile === 'standard') {
    for (const c of candidates) used += costOf(c.spec);
  } else {
    const share = config.freeTier.alarmMetricShare;
    const ranked = FREE_PROFILE_ORDER.flatMap((id) => candidates.filter((c) => c.definition.id === id));
    for (const c of ranked) {
      const cost = costOf(c.spec);
      if (used + cost <= share) used += cost;
      else {
        dashboardReasons.set(
          c.spec.id,
          `free profile: needs ${cost} alarm metric(s), ${share - used} of this environment's share of ${share} left`,
        );
      }
    }
    for (const c of candidates) {
      if (!FREE_PROFILE_ORDER.includes(c.definition.id)) {
        dashboardReasons.set(c.spec.id, 'free profile: dashboard only (alarmed in the standard profile)');
      }
    }
  }

  const alarms: AlarmSpec[] = candidates.filter((c) => !dashboardReasons.has(c.spec.id)).map((c) => c.spec);
  if (precise) alarms.push(preciseComposite());
  return {
    environment: config.name,
    profile: config.profile,
    alarms,
    dashboardOnly: candidates.flatMap((c) => {
      const reason = dashboardReasons.get(c.spec.id);
      return reason === undefined ? [] : [{ spec: c.spec, reason }];
    }),
    notApplicable,
    appMetrics,
    alarmMetrics: used,
    context: ctx,
  };
}

function toSpec(
  definition: SignalDefinition,
  ctx: SignalContext,
  query: MetricAlarmSpec['query'],
  precise: boolean,
): MetricAlarmSpec {
  const override = ctx.config.thresholds[definition.id];
  return {
    kind: 'metric-alarm',
    id: definition.id,
    title: definition.title,
    severity: definition.severity,
    seed: definition.seed,
    runbook: definition.runbook,
    query,
    comparison: definition.comparison,
    threshold: override ?? definition.defaultThreshold(ctx),
    unit: definition.unit,
    thresholdSource:
      override === undefined ? definition.thresholdSource : `config thresholds.${definition.id}`,
    evaluationPeriods: definition.evaluationPeriods,
    datapointsToAlarm: definition.datapointsToAlarm,
    missingData: definition.missingData,
    dashboard: definition.dashboard,
    actionsEnabled: !(precise && definition.silentWhenPrecise),
  };
}

/** Page only while both the long and the short window burn (SRE Workbook, multiwindow). */
function preciseComposite(): CompositeAlarmSpec {
  const both = (window: string) => ({
    op: 'AND' as const,
    of: [{ alarm: `slo-burn-${window}` }, { alarm: `slo-burn-${window}-short` }],
  });
  return {
    kind: 'composite-alarm',
    id: PRECISE_COMPOSITE_ID,
    title: 'Availability SLO burning fast (long and short window agree)',
    severity: 'P1',
    seed: '002 s4.1',
    runbook: [
      'The 1 h and 5 min (or 6 h and 30 min) windows both burn: errors are happening now, not an hour ago.',
      'Open the SLO dashboard and the "5xx by route" query; check deploys and the database and cache signals.',
      'Roll back or shed load; the page clears as soon as the short window recovers.',
    ],
    rule: { op: 'OR', of: [both('1h'), both('6h')] },
  };
}
