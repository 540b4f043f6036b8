/**
 * Backtest figures: how long the backtest of a week of 1-minute data for every metric example-prod's
 * catalog reads takes (read the shipped export, rebuild the samples, evaluate every alarm each
 * minute, write the charts), and what reading 7 and 14 days from CloudWatch costs.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { resolveCatalog } from '../lib/core/catalog/resolve';
import { loadEnvironments } from '../lib/core/environments/load';
import { parseExport } from '../lib/core/replay/backtest/export-format';
import { planBacktest } from '../lib/core/replay/backtest/plan';
import { runBacktest } from '../lib/core/replay/backtest/run';
import { writeBacktestCharts } from '../tools/replay/backtest-command';
import { EXAMPLE_ENVIRONMENT, EXAMPLE_EXPORT_FILE } from '../tools/replay/example-export';

export interface BacktestFigures {
  readonly environment: string;
  readonly metrics: number;
  readonly minutes: number;
  readonly alarms: number;
  readonly pages: number;
  /** Median wall time of a whole backtest run, over `runs`. */
  readonly medianMs: number;
  readonly runs: number;
  readonly plans: readonly {
    days: number;
    requests: number;
    metrics: number;
    billedMetrics: number;
    costUsd: number;
  }[];
}

export function backtestFigures(runs = 3): BacktestFigures {
  const [config] = loadEnvironments(join(__dirname, '..', 'config'), EXAMPLE_ENVIRONMENT);
  if (!config) throw new Error(`${EXAMPLE_ENVIRONMENT} is not configured`);
  const charts = mkdtempSync(join(tmpdir(), 'ops-backtest-'));
  const times: number[] = [];
  let last: ReturnType<typeof runBacktest> | undefined;
  let metrics = 0;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const data = parseExport(
      gunzipSync(readFileSync(EXAMPLE_EXPORT_FILE)).toString('utf8'),
      EXAMPLE_EXPORT_FILE,
    );
    last = runBacktest(config, data);
    writeBacktestCharts(last, charts);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    metrics = data.metrics.length + data.missing.length;
  }
  times.sort((a, b) => a - b);
  const now = new Date();
  const catalog = resolveCatalog(config);
  return {
    environment: config.name,
    metrics,
    minutes: last?.minutes ?? 0,
    alarms: last?.alarms.length ?? 0,
    pages: last?.pages.length ?? 0,
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
    runs,
    plans: [7, 14].map((days) => {
      const plan = planBacktest({ catalog, region: config.region, end: now, days, now });
      return {
        days,
        requests: plan.calls.length,
        metrics: plan.metrics.length,
        billedMetrics: plan.billedMetrics,
        costUsd: plan.costUsd,
      };
    }),
  };
}

/** Measures and prints the figures (`npm run bench`, or `npx tsx bench/backtest.ts` alone). */
export function benchBacktest(write: (text: string) => void): BacktestFigures {
  const f = backtestFigures();
  write(
    `\nbacktest (${f.environment}, shipped export): ${f.minutes} minutes of 1-minute data for ${f.metrics} catalog metrics, ${f.alarms} alarms, ${f.pages} pages, charts written: ${(f.medianMs / 1000).toFixed(2)} s (median of ${f.runs}; target under 5 s)\n`,
  );
  for (const p of f.plans) {
    write(
      `  --from-cloudwatch --days ${p.days}: ${p.requests} GetMetricData requests, ${p.metrics} metrics, billed as ${p.billedMetrics} metrics requested = $${p.costUsd.toFixed(5)}\n`,
    );
  }
  return f;
}

if (require.main === module) benchBacktest((text) => process.stdout.write(text));
