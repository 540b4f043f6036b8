import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadEnvironments } from '../../../lib/core/environments/load';
import { type BacktestExport, parseExport } from '../../../lib/core/replay/backtest/export-format';
import { runBacktest } from '../../../lib/core/replay/backtest/run';
import { CONFIG_DIR } from '../../helpers/synth';

const file = join(__dirname, '..', '..', '..', 'scenarios', 'recorded', 'example-prod-week.json.gz');
const recorded = parseExport(gunzipSync(readFileSync(file)).toString('utf8'), file);
const [prod] = loadEnvironments(CONFIG_DIR, 'example-prod');
if (!prod) throw new Error('example-prod missing');
const result = runBacktest(prod, recorded);

/** The recorded week with one metric's statistic rewritten. */
function edited(
  metricName: string,
  stat: string,
  f: (v: number | null, minute: number) => number | null,
): BacktestExport {
  return {
    ...recorded,
    metrics: recorded.metrics.map((m) =>
      m.metricName !== metricName
        ? m
        : { ...m, statistics: { ...m.statistics, [stat]: (m.statistics[stat] ?? []).map(f) } },
    ),
  };
}

describe('backtest of the shipped recorded week (example-prod, free profile)', () => {
  it('covers the week minute by minute, day by day (UTC)', () => {
    expect(result.minutes).toBe(10_080);
    expect(result.days.map((d) => d.date)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    for (const a of result.alarms) expect(a.states).toHaveLength(10_081);
  });

  it('the Thursday 13:05 UTC 5xx incident pages P1 within 5 minutes and clears after it ends', () => {
    const thursday = result.days.find((d) => d.date === '2026-11-26')?.pages ?? [];
    const first = thursday[0];
    expect(first?.severity).toBe('P1');
    const at = Date.parse(first?.at ?? '');
    expect(at).toBeGreaterThanOrEqual(Date.parse('2026-11-26T13:05:00Z'));
    expect(at).toBeLessThanOrEqual(Date.parse('2026-11-26T13:10:00Z'));
    const errorPage = thursday.find((p) => p.alarm === 'api-error-rate-fast');
    expect(errorPage?.clearedMinute).toBeGreaterThan(errorPage?.minute ?? 0);
  });

  it('the Friday Kafka lag pages', () => {
    const friday = result.days.find((d) => d.date === '2026-11-27')?.pages ?? [];
    expect(friday.map((p) => p.alarm)).toContain('kafka-consumer-lag');
  });

  it('quiet days, the Wednesday ticket opening included, page nobody', () => {
    for (const date of ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-28', '2026-11-29']) {
      expect(result.days.find((d) => d.date === date)?.pages, date).toEqual([]);
    }
  });

  it('lists the metric that was never published', () => {
    expect(result.missingMetrics).toEqual(['Ticketing/example-prod|CouponOverIssued|']);
  });

  it('without the incident in the data there is no Thursday page (control)', () => {
    const calm = runBacktest(
      prod,
      edited('5XXError', 'Sum', (v) => (v === null ? null : 0)),
    );
    expect(calm.days.find((d) => d.date === '2026-11-26')?.pages.map((p) => p.alarm)).not.toContain(
      'api-error-rate-fast',
    );
  });

  it('an outage written into the data (probe unreachable, every request failing) pages within 5 minutes', () => {
    const outage = (from: number, to: number) => (m: number) => m >= from && m < to;
    const down = outage(600, 620);
    const probe = edited('ServiceHealth', 'Maximum', (v, m) => (down(m) ? 4 : v));
    const data: BacktestExport = {
      ...probe,
      metrics: probe.metrics.map((m) =>
        m.metricName !== '5XXError'
          ? m
          : {
              ...m,
              statistics: {
                ...m.statistics,
                Sum: (m.statistics.Sum ?? []).map((v, i) =>
                  down(i) ? (m.statistics.SampleCount?.[i] ?? v) : v,
                ),
              },
            },
      ),
    };
    const pages = runBacktest(prod, data).pages.filter((p) => p.minute >= 600 && p.minute <= 605);
    expect(pages.map((p) => p.severity)).toEqual(expect.arrayContaining([expect.stringMatching(/^P[01]$/)]));
    expect(result.pages.some((p) => p.minute >= 600 && p.minute <= 605)).toBe(false);
  });

  it('warm-up: no alarm decides on minutes before the export; each is INSUFFICIENT_DATA until its data can decide', () => {
    const from = Object.fromEntries(result.alarms.map((a) => [a.id, a.evaluatedFrom]));
    // service-down: 4 of its 1-minute periods, probe data without delay; the 1 h burn rate: one hour.
    expect(from['service-down']).toBe(4);
    expect(from['slo-burn-1h']).toBe(60);
    for (const a of result.alarms) {
      expect(
        a.states.slice(0, a.evaluatedFrom).every((s) => s === 'INSUFFICIENT_DATA'),
        a.id,
      ).toBe(true);
      expect(a.states[a.evaluatedFrom], a.id).toBe('OK');
    }
  });

  it("a one-minute 5xx blip in the export's first minute pages nobody, as anywhere else in the week", () => {
    const blip = (at: number) =>
      edited('5XXError', 'Sum', (v, m) =>
        m === at
          ? (recorded.metrics.find((x) => x.metricName === '5XXError')?.statistics.SampleCount?.[m] ?? v)
          : v,
      );
    // Repeating the first minute backwards would have made it five minutes of 100% errors.
    expect(runBacktest(prod, blip(0)).pages.filter((p) => p.minute < 60)).toEqual([]);
    expect(runBacktest(prod, blip(600)).pages.filter((p) => p.minute >= 600 && p.minute < 660)).toEqual([]);
  });

  it('a probe failing from the first minute pages once its own data say 2 of 4, not before', () => {
    const failing = edited('ServiceHealth', 'Maximum', (v, m) => (m < 2 ? 4 : v));
    const pages = runBacktest(prod, failing).pages.filter((p) => p.minute < 60);
    expect(pages).toEqual([expect.objectContaining({ alarm: 'service-down', minute: 4, severity: 'P0' })]);
  });

  it('refuses an export of another environment', () => {
    expect(() => runBacktest(prod, { ...recorded, environment: 'example-dev' })).toThrow(
      'the export is of environment example-dev, not example-prod',
    );
  });
});
