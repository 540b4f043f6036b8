/**
 * The backtest commands of `npm run replay`: plan and price the GetMetricData calls, read them
 * (or a saved export), save the export, replay the synthesized alarms over it and report what
 * would have paged, per day, with one SVG chart per alarm and per paging day.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { resolveCatalog } from '../../lib/core/catalog/resolve';
import type { EnvironmentConfig } from '../../lib/core/config/schema';
import { listEnvironments, loadEnvironments } from '../../lib/core/environments/load';
import {
  type BacktestExport,
  parseExport,
  serializeExport,
} from '../../lib/core/replay/backtest/export-format';
import { getMetricDataCost, planBacktest, type RequestPlan } from '../../lib/core/replay/backtest/plan';
import { type BacktestResult, runBacktest } from '../../lib/core/replay/backtest/run';
import { alarmChart } from '../../lib/core/replay/svg';
import { UsageError } from '../cli/errors';
import { readFromCloudWatch } from './cloudwatch-reader';

export interface BacktestDeps {
  readonly configDir: string;
  /** Where default exports and charts go (`reports/replay/backtest`). */
  readonly reportsDir: string;
  readonly cloudwatch: (region: string) => CloudWatchClient;
  readonly now: () => Date;
  readonly log: (line: string) => void;
}

export function loadConfig(configDir: string, env: string): EnvironmentConfig {
  const known = listEnvironments(configDir);
  if (!known.includes(env)) throw new UsageError(`unknown environment "${env}"; known: ${known.join(', ')}`);
  const [config] = loadEnvironments(configDir, env);
  if (!config) throw new UsageError(`unknown environment "${env}"`);
  return config;
}

export function describePlan(plan: RequestPlan, region: string): string[] {
  const statistics = plan.metrics.reduce((n, m) => n + m.statistics.length, 0);
  const price = getMetricDataCost(1000, region);
  return [
    `plan: ${plan.metrics.length} metrics (${statistics} statistics) in ${plan.calls.length} GetMetricData request${plan.calls.length === 1 ? '' : 's'}, billed as ${plan.billedMetrics} metrics requested: $${plan.costUsd.toFixed(5)} (at $${price} per 1,000 metrics, ${region})`,
    `  ${plan.periodReason}`,
    ...plan.approximations.map((a) => `  approximate: ${a}`),
  ];
}

export async function fromCloudWatch(
  options: { env: string; days: number; end?: Date; out?: string; charts?: string; dryRun: boolean },
  deps: BacktestDeps,
): Promise<BacktestResult | undefined> {
  const config = loadConfig(deps.configDir, options.env);
  const catalog = resolveCatalog(config);
  const now = deps.now();
  const plan = planBacktest({
    catalog,
    region: config.region,
    end: options.end ?? now,
    days: options.days,
    now,
  });
  deps.log(`backtest ${config.name}: ${range(plan.start.toISOString(), plan.end.toISOString())}`);
  for (const line of describePlan(plan, config.region)) deps.log(line);
  if (options.dryRun) return undefined;
  const read = await readFromCloudWatch(plan, config.region, deps.cloudwatch);
  deps.log(`read: ${read.requests} GetMetricData request${read.requests === 1 ? '' : 's'} sent`);
  for (const m of read.messages) deps.log(`  CloudWatch: ${m}`);
  const out =
    options.out ??
    join(deps.reportsDir, `${config.name}-${plan.end.toISOString().slice(0, 16).replace(':', '')}.json.gz`);
  mkdirSync(dirname(out), { recursive: true });
  const text = serializeExport(read.data);
  writeFileSync(out, out.endsWith('.gz') ? gzipSync(text) : text);
  deps.log(`saved export: ${out} (replay it offline with --from-file)`);
  return backtestAndReport(config, read.data, options.charts, deps);
}

export function fromFile(
  options: { path: string; env?: string; charts?: string },
  deps: BacktestDeps,
): BacktestResult {
  let raw: Buffer;
  try {
    raw = readFileSync(options.path);
  } catch (error) {
    throw new UsageError(
      `${options.path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let text: string;
  try {
    text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
  } catch {
    throw new UsageError(`${options.path}: not a readable gzip file`);
  }
  let data: BacktestExport;
  try {
    data = parseExport(text, options.path);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const config = loadConfig(deps.configDir, options.env ?? data.environment);
  if (config.name !== data.environment) {
    throw new UsageError(`${options.path} is an export of ${data.environment}, not ${config.name}`);
  }
  deps.log(`backtest ${config.name} from ${options.path} (${data.source}): ${range(data.start, data.end)}`);
  return backtestAndReport(config, data, options.charts, deps);
}

function backtestAndReport(
  config: EnvironmentConfig,
  data: BacktestExport,
  chartsDir: string | undefined,
  deps: BacktestDeps,
): BacktestResult {
  const result = runBacktest(config, data);
  for (const line of backtestReport(result)) deps.log(line);
  const dir = chartsDir ?? join(deps.reportsDir, `${config.name}-${data.start.slice(0, 10)}`);
  const files = writeBacktestCharts(result, dir);
  deps.log(`charts: ${dir} (${files} SVG files)`);
  return result;
}

export function backtestReport(result: BacktestResult): string[] {
  const lines = [
    `alarms: ${result.alarms.length} (${result.profile} profile), evaluated every minute over ${result.minutes} minutes`,
  ];
  const warmUp = Math.max(...result.alarms.map((a) => a.evaluatedFrom).filter(Number.isFinite));
  if (warmUp > 1) {
    lines.push(
      `  warm-up: nothing before the export is known, so each alarm stays INSUFFICIENT_DATA until its data can decide (the last at minute ${warmUp})`,
    );
  }
  for (const key of result.missingMetrics) {
    lines.push(`  no datapoints: ${key.replace(/\|/g, ' ').trim()} (its alarms saw missing data throughout)`);
  }
  lines.push('per day (UTC):');
  for (const day of result.days) {
    const weekday = new Date(`${day.date}T00:00:00Z`).toUTCString().slice(0, 3);
    if (day.pages.length === 0) {
      lines.push(`  ${day.date} ${weekday}  no pages`);
      continue;
    }
    lines.push(`  ${day.date} ${weekday}  ${day.pages.length} page${day.pages.length === 1 ? '' : 's'}:`);
    for (const p of day.pages) {
      const cleared =
        p.clearedMinute === undefined
          ? 'still in ALARM at the end'
          : `back to OK after ${p.clearedMinute - p.minute} min`;
      lines.push(`    ${p.at.slice(11, 16)} ${p.severity} ${p.alarm} (${cleared})`);
    }
  }
  const bySeverity = ['P0', 'P1', 'P2', 'P3'].map(
    (s) => `${s} ${result.pages.filter((p) => p.severity === s).length}`,
  );
  lines.push(`pages: ${result.pages.length} (${bySeverity.join(', ')})`);
  return lines;
}

/** One chart per alarm over the whole range, and one per day on which it paged. */
export function writeBacktestCharts(result: BacktestResult, dir: string): number {
  mkdirSync(dir, { recursive: true });
  const start = new Date(result.start);
  let files = 0;
  for (const a of result.alarms) {
    const common = { unit: a.unit, threshold: a.threshold };
    writeFileSync(
      join(dir, `${a.id}.svg`),
      alarmChart({
        ...defined(common),
        title: `${a.name} (${a.severity})`,
        values: a.values,
        states: a.states,
        start,
      }),
    );
    files++;
    for (const day of result.days.filter((d) => d.pages.some((p) => p.alarm === a.id))) {
      const from = Math.max(0, (Date.parse(`${day.date}T00:00:00Z`) - start.getTime()) / 60_000);
      const to = Math.min(a.values.length, from + 1440);
      writeFileSync(
        join(dir, `${day.date}-${a.id}.svg`),
        alarmChart({
          ...defined(common),
          title: `${a.name} (${a.severity}) on ${day.date}`,
          values: a.values.slice(from, to),
          states: a.states.slice(from, to),
          start: new Date(start.getTime() + from * 60_000),
        }),
      );
      files++;
    }
  }
  return files;
}

function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

function range(start: string, end: string): string {
  const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
  return `${start.slice(0, 16).replace('T', ' ')} to ${end.slice(0, 16).replace('T', ' ')} UTC (${Number(days.toFixed(2))} days)`;
}
