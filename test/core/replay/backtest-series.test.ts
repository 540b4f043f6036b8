import { describe, expect, it } from 'vitest';
import {
  type BacktestExport,
  EXPORT_FORMAT,
  parseExport,
  serializeExport,
} from '../../../lib/core/replay/backtest/export-format';
import { exportLookup, metricSamples, periodSamples } from '../../../lib/core/replay/backtest/series';
import { statistic } from '../../../lib/core/replay/statistics';

function exportOf(
  metrics: BacktestExport['metrics'],
  periodSeconds: 60 | 300 = 60,
  slots = 3,
): BacktestExport {
  return {
    format: EXPORT_FORMAT,
    version: 1,
    environment: 'example-prod',
    region: 'ap-northeast-2',
    source: 'generated',
    start: '2026-11-23T00:00:00.000Z',
    end: new Date(Date.parse('2026-11-23T00:00:00.000Z') + slots * periodSeconds * 1000).toISOString(),
    periodSeconds,
    metrics,
    missing: [],
  };
}

describe('per-period samples rebuild the stored statistics exactly', () => {
  it.each([
    [{ Sum: 30, SampleCount: 10, Maximum: 9, Minimum: 1 }],
    [{ Sum: 30, SampleCount: 10, Maximum: 9 }],
    [{ Sum: 30, SampleCount: 10, Minimum: 1 }],
    [{ Sum: 30, SampleCount: 10 }],
    [{ Sum: 7, SampleCount: 1 }],
    [{ Sum: 10, SampleCount: 2, Maximum: 9, Minimum: 1 }],
    [{ Maximum: 4 }],
    [{ Sum: 123 }],
    [{ SampleCount: 12 }],
  ])('%j', (stats) => {
    const samples = periodSamples(stats);
    for (const [name, value] of Object.entries(stats))
      expect(statistic(name, [samples]), name).toBeCloseTo(value, 9);
    if ('Sum' in stats && 'SampleCount' in stats) {
      expect(statistic('Average', [samples])).toBeCloseTo(stats.Sum / stats.SampleCount, 9);
    }
  });

  it('a percentile with its sample count', () => {
    const samples = periodSamples({ p95: 420, SampleCount: 250 });
    expect(statistic('p95', [samples])).toBe(420);
    expect(statistic('SampleCount', [samples])).toBe(250);
  });

  it.each([
    ['PR(:100)', 97.5],
    ['PR(:100)', 0],
    ['PR(:100)', 100],
    ['PR(100:)', 12],
    ['PR(50:200)', 40],
  ])('a percentile rank %s = %d', (name, value) => {
    const samples = periodSamples({ [name]: value, SampleCount: 400 });
    expect(statistic(name, [samples])).toBeCloseTo(value, 9);
    expect(statistic('SampleCount', [samples])).toBeCloseTo(400, 9);
  });

  it('no datapoint is no samples', () => {
    expect(periodSamples({})).toBeUndefined();
    expect(periodSamples({ Sum: 5, SampleCount: 0 })).toBeUndefined();
    expect(periodSamples({ p95: undefined, SampleCount: 3 } as never)).toBeUndefined();
  });
});

describe('export series', () => {
  const metric = {
    namespace: 'AWS/RDS',
    metricName: 'CPUUtilization',
    dimensions: { DBInstanceIdentifier: 'db' },
    statistics: { Sum: [30, null, 90], SampleCount: [1, null, 3] },
  };

  it('one minute per 1-minute period, gaps stay missing', () => {
    const series = metricSamples(metric, 60, 3);
    expect(series.map((m) => statistic('Average', [m]))).toEqual([30, undefined, 30]);
  });

  it('a 5-minute period is spread over its minutes: windows of whole periods read it exactly', () => {
    const series = metricSamples(metric, 300, 3);
    expect(series).toHaveLength(15);
    expect(statistic('Sum', series.slice(0, 5))).toBeCloseTo(30, 9);
    expect(statistic('SampleCount', series.slice(10, 15))).toBeCloseTo(3, 9);
    expect(statistic('Average', series.slice(0, 15))).toBeCloseTo(120 / 4, 9);
    expect(series.slice(5, 10).every((m) => m === undefined)).toBe(true);
  });

  it('the evaluator looks metrics up by namespace and name; minutes cover the export', () => {
    const { lookup, minutes } = exportLookup(exportOf([metric], 300));
    expect(minutes).toBe(15);
    const request = { dimensions: metric.dimensions, statistic: 'Average', periodSeconds: 60 };
    expect(lookup({ ...request, namespace: 'AWS/RDS', metricName: 'CPUUtilization' })).toHaveLength(15);
    expect(lookup({ ...request, namespace: 'AWS/RDS', metricName: 'FreeStorageSpace' })).toBeUndefined();
  });
});

describe('export file format', () => {
  const good = exportOf([
    { namespace: 'N', metricName: 'M', dimensions: {}, statistics: { Maximum: [1, null, 3] } },
  ]);

  it('round-trips through its compact serialization', () => {
    const text = serializeExport(good);
    expect(parseExport(text, 'x.json')).toEqual(good);
    expect(text.split('\n').filter((l) => l.includes('"metricName"'))).toHaveLength(1);
  });

  it('names the file and field of each problem', () => {
    const bad = { ...good, metrics: [{ ...good.metrics[0], statistics: { Maximum: [1, 2] } }] };
    expect(() => parseExport(JSON.stringify(bad), 'week.json')).toThrow(
      'week.json: metrics.0.statistics.Maximum: N M Maximum has 2 values, expected 3 (one per period)',
    );
    expect(() => parseExport(JSON.stringify({ ...good, periodSeconds: 120 }), 'w.json')).toThrow(
      /^w.json: periodSeconds/,
    );
    expect(() => parseExport(JSON.stringify({ ...good, format: 'x' }), 'w.json')).toThrow(/^w.json: format/);
    expect(() =>
      parseExport(
        JSON.stringify({ ...good, metrics: [{ ...good.metrics[0], statistics: { Maximum: [1, 'a', 3] } }] }),
        'w.json',
      ),
    ).toThrow(/metrics.0.statistics.Maximum: expected an array of numbers or null/);
    expect(() => parseExport('{', 'w.json')).toThrow(/^w.json: not JSON/);
    expect(() => parseExport(JSON.stringify({ ...good, end: good.start }), 'w.json')).toThrow(
      /end must be a whole number/,
    );
  });
});
