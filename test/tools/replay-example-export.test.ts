import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resolveCatalog } from '../../lib/core/catalog/resolve';
import { loadEnvironments } from '../../lib/core/environments/load';
import { exportMetricKey, parseExport, serializeExport } from '../../lib/core/replay/backtest/export-format';
import { catalogMetrics } from '../../lib/core/replay/backtest/plan';
import { EXAMPLE_EXPORT_FILE, generateExampleExport } from '../../tools/replay/example-export';
import { CONFIG_DIR } from '../helpers/synth';

const text = gunzipSync(readFileSync(EXAMPLE_EXPORT_FILE)).toString('utf8');
const shipped = parseExport(text, EXAMPLE_EXPORT_FILE);

describe('shipped recorded export (scenarios/recorded/example-prod-week.json.gz)', () => {
  it('is what tools/replay/example-export.ts generates (run it after a catalog change)', () => {
    expect(serializeExport(generateExampleExport())).toBe(text);
  });

  it('holds a week of 1-minute data for every metric the example-prod catalog reads', () => {
    const [prod] = loadEnvironments(CONFIG_DIR, 'example-prod');
    if (!prod) throw new Error('example-prod missing');
    const { metrics } = catalogMetrics(resolveCatalog(prod));
    expect(shipped.periodSeconds).toBe(60);
    expect(Date.parse(shipped.end) - Date.parse(shipped.start)).toBe(7 * 86_400_000);
    expect([...shipped.metrics.map(exportMetricKey), ...shipped.missing].sort()).toEqual(
      metrics.map((m) => m.key).sort(),
    );
    for (const m of shipped.metrics) {
      const planned = metrics.find((p) => p.key === exportMetricKey(m));
      expect(Object.keys(m.statistics)).toEqual(planned?.statistics);
    }
  });

  it('stays well under 2 MB', () => {
    expect(statSync(EXAMPLE_EXPORT_FILE).size).toBeLessThan(500 * 1024);
  });
});
