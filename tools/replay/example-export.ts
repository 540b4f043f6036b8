/**
 * The shipped recorded export (`scenarios/recorded/example-prod-week.json.gz`): one week of
 * 1-minute data for every metric example-prod's catalog reads, generated deterministically from raw
 * samples the way CloudWatch would aggregate them (statistics.ts), so `--from-file` has a realistic
 * history to replay offline. A normal week with a ticket opening, one error incident and one Kafka
 * lag; CouponOverIssued is never published (it shows up as missing, as it would in an account).
 *
 *   npx tsx tools/replay/example-export.ts        rewrites the shipped file
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { resolveCatalog } from '../../lib/core/catalog/resolve';
import { loadEnvironments } from '../../lib/core/environments/load';
import {
  type BacktestExport,
  EXPORT_FORMAT,
  serializeExport,
} from '../../lib/core/replay/backtest/export-format';
import { catalogMetrics } from '../../lib/core/replay/backtest/plan';
import { latencySamples, type MinuteSamples, ratioSamples } from '../../lib/core/replay/samples';
import { statistic } from '../../lib/core/replay/statistics';

const root = join(__dirname, '..', '..');
export const EXAMPLE_EXPORT_FILE = join(root, 'scenarios', 'recorded', 'example-prod-week.json.gz');
export const EXAMPLE_ENVIRONMENT = 'example-prod';
/** Monday 00:00 UTC; a week of minutes. */
export const EXAMPLE_START = '2026-11-23T00:00:00.000Z';
export const EXAMPLE_MINUTES = 7 * 1440;

const DAY = 1440;
/** Incidents, in minutes from the start (UTC). */
const OPENING = { from: 2 * DAY + 11 * 60, to: 2 * DAY + 11 * 60 + 40 }; // Wed 20:00 KST ticket opening
const ERRORS = { from: 3 * DAY + 13 * 60 + 5, to: 3 * DAY + 13 * 60 + 30 }; // Thu: pool exhaustion, 5xx
const KAFKA = { from: 4 * DAY + 2 * 60, to: 4 * DAY + 2 * 60 + 20 }; // Fri: consumer stuck
const RDS_GAP = { from: DAY + 4 * 60, to: DAY + 4 * 60 + 2 }; // Tue: two minutes without RDS datapoints

const within = (t: number, w: { from: number; to: number }) => t >= w.from && t < w.to;

/** Deterministic uniform noise in [0, 1) per metric and minute. */
function noise(seed: string, t: number): number {
  let h = 2_166_136_261;
  for (const c of `${seed}:${t}`) h = Math.imul(h ^ c.charCodeAt(0), 16_777_619) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 2_246_822_507) >>> 0;
  return (h >>> 0) / 2 ** 32;
}

/** 1 at 11:00 UTC (20:00 KST, the evening peak), 0 at 23:00 UTC. */
function diurnal(t: number): number {
  return 0.5 + 0.5 * Math.cos((2 * Math.PI * ((t % DAY) / 60 - 11)) / 24);
}

function requests(t: number): number {
  const base = 200 + 2600 * diurnal(t) * (0.9 + 0.2 * noise('requests', t));
  return Math.round(within(t, OPENING) ? base * 8 : base);
}

function waiting(t: number): number {
  if (!within(t, OPENING)) return 0;
  return Math.max(0, 24_000 - (t - OPENING.from) * 600);
}

const gauge = (v: number | undefined): MinuteSamples | undefined =>
  v === undefined ? undefined : { values: [v], counts: [1] };
const ratio = (r: number, n: number) => ratioSamples([r], [n])[0];
const latency = (p95: number, n: number) => latencySamples([p95], [n])[0];

/** Raw samples of one minute of each metric example-prod reads, by metric name. */
const MODELS: Readonly<Record<string, (t: number) => MinuteSamples | undefined>> = {
  Count: (t) => ({ values: [1], counts: [requests(t)] }),
  '5XXError': (t) => ratio(within(t, ERRORS) ? 0.12 : 0.0005 + 0.001 * noise('5xx', t), requests(t)),
  Latency: (t) =>
    latency(within(t, ERRORS) ? 1400 : 60 + 40 * diurnal(t) + 20 * noise('lat', t), requests(t)),
  ServiceHealth: () => gauge(0),
  QueueWaitingCount: (t) => gauge(waiting(t)),
  QueueAdmissions: (t) => gauge(waiting(t) > 0 ? 600 : 0),
  QueueEntryLatency: (t) => (waiting(t) > 0 ? latency(40 + 20 * noise('qel', t), 650) : undefined),
  KafkaConsumerLag: (t) =>
    gauge(within(t, KAFKA) ? 5000 + 100 * (t - KAFKA.from) : Math.round(150 * noise('lag', t))),
  DbPoolPending: (t) => gauge(within(t, ERRORS) ? 30 : Math.round(2 * noise('pool', t))),
  CouponOverIssued: () => undefined,
  PaymentOutcome: (t) => ratio(0.004 * noise('pay', t), requests(t) * 0.05),
  SeatHoldOutcome: (t) => ratio(0.003 * noise('seat', t), requests(t) * 0.08),
  ExternalApiOutcome: (t) => ratio(0.002 * noise('ext', t), requests(t) * 0.05),
  CPUUtilization: (t) =>
    within(t, RDS_GAP)
      ? undefined
      : gauge(within(t, OPENING) ? 68 : 12 + 28 * diurnal(t) + 4 * noise('cpu', t)),
  DatabaseConnections: (t) =>
    within(t, RDS_GAP)
      ? undefined
      : gauge(Math.round(within(t, ERRORS) ? 95 : 20 + 35 * diurnal(t) + 5 * noise('conn', t))),
  DatabaseMemoryUsagePercentage: (t) => gauge(44 + (t / EXAMPLE_MINUTES) * 6 + noise('mem', t)),
  CacheHitRate: (t) => gauge(96 + 3 * noise('hit', t)),
};

const round = (v: number) => Math.round(v * 1000) / 1000;

export function generateExampleExport(): BacktestExport {
  const [config] = loadEnvironments(join(root, 'config'), EXAMPLE_ENVIRONMENT);
  if (!config) throw new Error(`${EXAMPLE_ENVIRONMENT} is not configured`);
  const { metrics } = catalogMetrics(resolveCatalog(config));
  const missing: string[] = [];
  const exported = metrics.flatMap((metric) => {
    const model = MODELS[metric.metricName];
    if (!model) throw new Error(`no model for ${metric.key}: add one to tools/replay/example-export.ts`);
    const statistics: Record<string, (number | null)[]> = {};
    for (const s of metric.statistics) statistics[s] = [];
    let any = false;
    for (let t = 0; t < EXAMPLE_MINUTES; t++) {
      const samples = model(t);
      for (const s of metric.statistics) {
        const v = statistic(s, [samples]);
        if (v !== undefined) any = true;
        statistics[s]?.push(v === undefined ? null : round(v));
      }
    }
    if (!any) {
      missing.push(metric.key);
      return [];
    }
    return [
      {
        namespace: metric.namespace,
        metricName: metric.metricName,
        dimensions: metric.dimensions,
        statistics,
      },
    ];
  });
  return {
    format: EXPORT_FORMAT,
    version: 1,
    environment: config.name,
    region: config.region,
    source: 'generated',
    description:
      'example-prod, one generated week: Wed ticket opening 11:00-11:40 UTC, Thu 13:05-13:30 UTC 5xx incident (12%, p95 1.4 s), Fri 02:00-02:20 UTC Kafka lag; CouponOverIssued never published',
    start: EXAMPLE_START,
    end: new Date(Date.parse(EXAMPLE_START) + EXAMPLE_MINUTES * 60_000).toISOString(),
    periodSeconds: 60,
    metrics: exported,
    missing,
  };
}

if (require.main === module) {
  const data = generateExampleExport();
  const text = serializeExport(data);
  writeFileSync(EXAMPLE_EXPORT_FILE, gzipSync(text, { level: 9 }));
  process.stdout.write(
    `wrote ${EXAMPLE_EXPORT_FILE}: ${data.metrics.length} metrics, ${data.missing.length} missing, ${(text.length / 1024).toFixed(0)} KB of JSON\n`,
  );
}
