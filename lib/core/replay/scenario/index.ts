/**
 * Replay scenarios: a scenario file's series for one environment, run through that environment's
 * synthesized alarms (run.ts) with ingestion delay and mute windows, its RDS events and alarm changes
 * through the recovery trigger's decision (recovery.ts), and checked against its expectations.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { resolveCatalog } from '../../catalog/resolve';
import { ConfigError, parseEnvironment } from '../../environments/load';
import { ingestionDelayOf } from '../ingestion';
import { type AlarmTrace, type MuteWindow, type Page, replayAlarms } from '../run';
import { checkExpectation, type ExpectationResult } from './expectations';
import type { Scenario } from './format';
import { type RecoveryReplay, replayRecovery } from './recovery';
import { buildSeries, seriesLookup, seriesPrefix } from './series';

export type { AlarmTrace, Page } from '../run';
export { latencyText } from './expectations';
export { loadScenario, type Scenario, ScenarioError, scenarioSchema } from './format';
export type { RecoveryDecision, RecoveryReplay } from './recovery';
export { metricKeys } from './series';

export interface ReplayResult {
  readonly scenario: Scenario;
  readonly alarms: readonly AlarmTrace[];
  readonly pages: readonly Page[];
  /** Pages a scenario mute window swallowed (the alarm still changed state). */
  readonly mutedPages: readonly (Page & { readonly mute: MuteWindow })[];
  readonly expectations: readonly ExpectationResult[];
  /** What the recovery trigger decided on each RDS event and database-down change. */
  readonly recovery: RecoveryReplay;
  /** Ingestion delay applied, in minutes, per series prefix the scenario uses. */
  readonly ingestionDelay: Readonly<Record<string, number>>;
  /** Minutes from onset to the first page at or after it (ingestion delay included). */
  readonly detectionMinutes?: number;
  /** A page went out before the onset (a false page, or a scenario whose onset is wrong). */
  readonly pagedBeforeOnset: boolean;
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
  const catalog = resolveCatalog(parsed.config);
  const appNamespace = catalog.context.appNamespace;
  const series = buildSeries(scenario, catalog);
  const run = replayAlarms(catalog, seriesLookup(series, appNamespace), {
    minutes: scenario.minutes,
    ingestionDelay: (namespace) =>
      ingestionDelayOf(seriesPrefix(namespace, appNamespace), scenario.ingestionDelay),
    mutes: scenario.mutes,
  });
  const recovery = replayRecovery(parsed.config, catalog, run.alarms, scenario.rdsEvents);
  const prefixes = [...new Set(Object.keys(scenario.series).map((k) => k.split(' ')[0] as string))].sort();
  const onset = scenario.onset;
  const firstPageAfterOnset = onset === undefined ? undefined : run.pages.find((p) => p.minute >= onset);
  return {
    scenario,
    alarms: run.alarms,
    pages: run.pages,
    mutedPages: run.mutedPages,
    expectations: scenario.expect.map((e) => checkExpectation(e, run.alarms, run.pages, recovery)),
    recovery,
    ingestionDelay: Object.fromEntries(
      prefixes.map((p) => [p, ingestionDelayOf(p, scenario.ingestionDelay)]),
    ),
    ...(firstPageAfterOnset && onset !== undefined
      ? { detectionMinutes: firstPageAfterOnset.minute - onset }
      : {}),
    pagedBeforeOnset: onset !== undefined && run.pages.some((p) => p.minute < onset),
  };
}
