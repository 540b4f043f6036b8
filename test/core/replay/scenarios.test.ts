import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, runScenario } from '../../../lib/core/replay/scenario';
import { CONFIG_DIR } from '../../helpers/synth';

const dir = join(__dirname, '..', '..', '..', 'scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('shipped replay scenarios (free profile)', () => {
  it('ships the seed scenarios and the normal week', () => {
    expect(files.sort()).toEqual([
      '000-queue-activation-timeout.yaml',
      '003-redis-failure.yaml',
      '004-peak-test.yaml',
      '004-stress-test.yaml',
      'db-outage.yaml',
      'normal-week.yaml',
    ]);
  });

  it.each(files)('%s meets every expectation and its detection target', (file) => {
    const result = runScenario(loadScenario(join(dir, file)), CONFIG_DIR);
    const failed = result.expectations.filter((e) => !e.passed);
    expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
    const target = result.scenario.target;
    if (target) expect(result.detectionMinutes).toBeLessThanOrEqual(target.minutes);
  });

  it('the normal week pages nobody only because of the minimum-traffic guard (control)', () => {
    const scenario = loadScenario(join(dir, 'normal-week.yaml'));
    const unguarded = runScenario(
      { ...scenario, overrides: { slo: { minRequestsPerMinute: 0 } } },
      CONFIG_DIR,
    );
    expect(unguarded.pages.map((p) => p.alarm)).toContain('api-error-rate-fast');
  });

  it('the burn-rate alarm alone would page the 004 stress incident about 35 minutes late', () => {
    const result = runScenario(loadScenario(join(dir, '004-stress-test.yaml')), CONFIG_DIR);
    const burn = result.alarms.find((a) => a.id === 'slo-burn-1h');
    const fast = result.alarms.find((a) => a.id === 'api-error-rate-fast');
    expect((burn?.firstAlarmMinute ?? 0) - 20).toBeGreaterThanOrEqual(30);
    expect((fast?.firstAlarmMinute ?? 99) - 20).toBeLessThanOrEqual(5);
  });

  it('actions fire on state changes only: an alarm that stays in ALARM pages once', () => {
    const result = runScenario(loadScenario(join(dir, '004-stress-test.yaml')), CONFIG_DIR);
    const fast = result.alarms.find((a) => a.id === 'api-error-rate-fast');
    expect(fast?.states.filter((s) => s === 'ALARM').length).toBeGreaterThan(30);
    expect(result.pages.filter((p) => p.alarm === 'api-error-rate-fast')).toHaveLength(1);
  });

  it('reports a scenario whose series is too short, naming the series', () => {
    const scenario = loadScenario(join(dir, 'db-outage.yaml'));
    expect(() => runScenario({ ...scenario, minutes: 100 }, CONFIG_DIR)).toThrowError(
      'series "AWS/ApiGateway Count" has 40 values, the scenario runs 100 minutes',
    );
  });
});
