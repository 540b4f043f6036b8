/**
 * The backtest: the environment's synthesized alarms evaluated minute by minute over an export of
 * its real metrics. Answers "what would have paged, when, at what severity", per day (UTC).
 */
import { type ResolvedCatalog, resolveCatalog, signalSummary } from '../../catalog/resolve';
import type { EnvironmentConfig } from '../../config/schema';
import type { AlarmState } from '../evaluate';
import { ingestionDelayOf } from '../ingestion';
import { replayAlarms } from '../run';
import { seriesPrefix } from '../scenario/series';
import type { BacktestExport } from './export-format';
import { exportLookup } from './series';

export interface BacktestAlarm {
  readonly id: string;
  readonly name: string;
  readonly severity: string;
  readonly pages: boolean;
  readonly unit?: string;
  readonly threshold?: number;
  /** Datapoint the alarm saw at each evaluation minute (index = minutes since the export start). */
  readonly values: readonly (number | undefined)[];
  readonly states: readonly AlarmState[];
  /**
   * First minute of the export whose data let the alarm decide (Infinity: never); INSUFFICIENT_DATA
   * before it, since nothing before the export is known.
   */
  readonly evaluatedFrom: number;
}

export interface BacktestPage {
  readonly minute: number;
  readonly at: string;
  readonly alarm: string;
  readonly severity: string;
  /** Minute the alarm left ALARM again. @default - still in ALARM at the end of the range */
  readonly clearedMinute?: number;
}

export interface BacktestDay {
  /** UTC date, YYYY-MM-DD. */
  readonly date: string;
  readonly pages: readonly BacktestPage[];
}

export interface BacktestResult {
  readonly environment: string;
  readonly profile: string;
  readonly start: string;
  readonly minutes: number;
  readonly alarms: readonly BacktestAlarm[];
  readonly pages: readonly BacktestPage[];
  readonly days: readonly BacktestDay[];
  /** Catalog metrics the export has no datapoints for (their alarms saw missing data throughout). */
  readonly missingMetrics: readonly string[];
}

const MINUTE_MS = 60_000;

export function runBacktest(
  config: EnvironmentConfig,
  data: BacktestExport,
  catalog: ResolvedCatalog = resolveCatalog(config),
): BacktestResult {
  if (data.environment !== config.name) {
    throw new Error(`the export is of environment ${data.environment}, not ${config.name}`);
  }
  const { lookup, minutes } = exportLookup(data);
  // Real datapoints reach an alarm after the same ingestion delay as in a scenario (ingestion.ts).
  const appNamespace = catalog.context.appNamespace;
  const run = replayAlarms(catalog, lookup, {
    minutes,
    ingestionDelay: (namespace) => ingestionDelayOf(seriesPrefix(namespace, appNamespace)),
    // Nothing is known before the export starts: no page and no OK from a range that reaches there.
    warmUp: true,
  });
  const startMs = Date.parse(data.start);
  const alarms: BacktestAlarm[] = run.alarms.map((a) => {
    const spec = catalog.alarms.find((s) => s.id === a.id);
    const unit = spec?.kind === 'metric-alarm' ? spec.unit : signalSummary(a.id)?.unit;
    return {
      id: a.id,
      name: a.name,
      severity: a.severity,
      pages: a.pages,
      ...(unit ? { unit } : {}),
      ...(a.threshold === undefined ? {} : { threshold: a.threshold }),
      values: a.values,
      states: a.states,
      evaluatedFrom: a.evaluatedFrom ?? Number.POSITIVE_INFINITY,
    };
  });
  const pages = alarms
    .filter((a) => a.pages)
    .flatMap((a) => pagesOf(a, startMs))
    .sort((x, y) => x.minute - y.minute || x.alarm.localeCompare(y.alarm));
  return {
    environment: config.name,
    profile: catalog.profile,
    start: data.start,
    minutes,
    alarms,
    pages,
    days: perDay(pages, startMs, minutes),
    missingMetrics: data.missing,
  };
}

/** Actions fire on state changes only: a page is each change into ALARM. */
function pagesOf(alarm: BacktestAlarm, startMs: number): BacktestPage[] {
  const pages: BacktestPage[] = [];
  alarm.states.forEach((s, minute) => {
    if (minute === 0 || s !== 'ALARM' || alarm.states[minute - 1] === 'ALARM') return;
    const cleared = alarm.states.findIndex((x, m) => m > minute && x !== 'ALARM');
    pages.push({
      minute,
      at: new Date(startMs + minute * MINUTE_MS).toISOString(),
      alarm: alarm.id,
      severity: alarm.severity,
      ...(cleared > 0 ? { clearedMinute: cleared } : {}),
    });
  });
  return pages;
}

function perDay(pages: readonly BacktestPage[], startMs: number, minutes: number): BacktestDay[] {
  const days: BacktestDay[] = [];
  const dayMs = 1440 * MINUTE_MS;
  const endMs = startMs + minutes * MINUTE_MS;
  for (let day = Math.floor(startMs / dayMs) * dayMs; day < endMs; day += dayMs) {
    const date = new Date(day).toISOString().slice(0, 10);
    days.push({ date, pages: pages.filter((p) => p.at.startsWith(date)) });
  }
  return days;
}
