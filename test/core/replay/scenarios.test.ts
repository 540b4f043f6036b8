import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  latencyText,
  loadScenario,
  runScenario,
  ScenarioError,
  scenarioSchema,
} from '../../../lib/core/replay/scenario';
import { CONFIG_DIR } from '../../helpers/synth';

const dir = join(__dirname, '..', '..', '..', 'scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const load = (file: string) => loadScenario(join(dir, file));
const run = (file: string, change: (s: ReturnType<typeof load>) => ReturnType<typeof load> = (s) => s) =>
  runScenario(change(load(file)), CONFIG_DIR);

describe('shipped replay scenarios (free profile, ingestion delay on)', () => {
  it('ships the seed scenarios, the tuning scenarios and the normal week', () => {
    expect(files.sort()).toEqual([
      '000-queue-activation-timeout.yaml',
      '003-redis-failure.yaml',
      '003-redis-fallback.yaml',
      '004-peak-test.yaml',
      '004-stress-test.yaml',
      'cpu-spike.yaml',
      'db-hang-standard.yaml',
      'db-outage.yaml',
      'kafka-lag-drain.yaml',
      'latency-degradation.yaml',
      'normal-week.yaml',
      'opening-5000tps.yaml',
      'probe-dead.yaml',
      'probe-flapping.yaml',
      'queue-stall-silent-counter.yaml',
      'redis-down-standard.yaml',
    ]);
  });

  it.each(files)('%s meets every expectation and its detection target', (file) => {
    const result = run(file);
    const failed = result.expectations.filter((e) => !e.passed);
    expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
    expect(result.expectations.length).toBeGreaterThan(0);
    expect(result.pagedBeforeOnset).toBe(false);
    const target = result.scenario.target;
    if (target) {
      expect(result.detectionMinutes).toBeDefined();
      expect(result.detectionMinutes).toBeLessThanOrEqual(target.minutes);
    }
  });

  it('applies the default ingestion delays and reports them', () => {
    expect(run('db-outage.yaml').ingestionDelay).toEqual({
      app: 1,
      'AWS/ApiGateway': 1,
      'AWS/ElastiCache': 1,
      'AWS/RDS': 1,
      probe: 0,
    });
  });

  it('a longer ingestion delay is configurable per scenario and shows in the detection latency', () => {
    const base = run('db-outage.yaml');
    const slow = run('db-outage.yaml', (s) => ({ ...s, ingestionDelay: { probe: 1 } }));
    expect(slow.ingestionDelay.probe).toBe(1);
    expect(slow.detectionMinutes).toBe((base.detectionMinutes ?? 0) + 1);
    // With two minutes of probe delay a healthy probe still gives no false P0 (evaluation range).
    const week = run('normal-week.yaml', (s) => ({ ...s, ingestionDelay: { probe: 2, app: 2 } }));
    expect(week.pages).toEqual([]);
  });

  it('the normal week pages nobody only because of the minimum-traffic guard (control)', () => {
    const unguarded = run('normal-week.yaml', (s) => ({
      ...s,
      overrides: { slo: { minRequestsPerMinute: 0 } },
    }));
    expect(unguarded.pages.map((p) => p.alarm)).toContain('api-error-rate-fast');
  });

  it('the burn-rate alarm alone would page the 004 stress incident about 35 minutes late', () => {
    const result = run('004-stress-test.yaml');
    const burn = result.alarms.find((a) => a.id === 'slo-burn-1h');
    const fast = result.alarms.find((a) => a.id === 'api-error-rate-fast');
    expect((burn?.firstAlarmMinute ?? 0) - 20).toBeGreaterThanOrEqual(30);
    expect((fast?.firstAlarmMinute ?? 99) - 20).toBeLessThanOrEqual(5);
  });

  it('actions fire on state changes only: an alarm that stays in ALARM pages once', () => {
    const result = run('004-stress-test.yaml');
    const fast = result.alarms.find((a) => a.id === 'api-error-rate-fast');
    expect(fast?.states.filter((s) => s === 'ALARM').length).toBeGreaterThan(30);
    expect(result.pages.filter((p) => p.alarm === 'api-error-rate-fast')).toHaveLength(1);
  });

  it('every alarm starts in INSUFFICIENT_DATA and leaves it at the first evaluation with data', () => {
    const result = run('normal-week.yaml');
    for (const a of result.alarms) {
      expect(a.states[0]).toBe('INSUFFICIENT_DATA');
      expect(a.transitions[0]).toEqual({ minute: 1, from: 'INSUFFICIENT_DATA', to: 'OK' });
    }
  });

  it('a dead probe with a healthy API leaves service-down in INSUFFICIENT_DATA and pages nobody', () => {
    const result = run('probe-dead.yaml');
    const down = result.alarms.find((a) => a.id === 'service-down');
    expect(down?.states.at(-1)).toBe('INSUFFICIENT_DATA');
    expect(result.pages).toEqual([]);
  });

  it('the stalled queue pages only because metric math reads the unpublished counter as 0', () => {
    const result = run('queue-stall-silent-counter.yaml');
    expect(result.pages[0]).toMatchObject({ alarm: 'queue-admission-stalled', severity: 'P1' });
  });
});

describe('mute windows', () => {
  it('swallow the pages inside them while the alarm keeps evaluating, and say which', () => {
    const muted = run('db-outage.yaml', (s) => ({
      ...s,
      mutes: [{ from: 10, to: 14, reason: 'maintenance' }],
    }));
    expect(muted.pages.filter((p) => p.minute <= 14)).toEqual([]);
    expect(muted.mutedPages.map((p) => `${p.alarm}@${p.minute}`)).toEqual([
      'service-down@12',
      'api-error-rate-fast@13',
    ]);
    expect(muted.mutedPages[0]?.mute.reason).toBe('maintenance');
    // The alarm changed state anyway, and stays in ALARM after the window: no page later either.
    expect(muted.alarms.find((a) => a.id === 'service-down')?.firstAlarmMinute).toBe(12);
    expect(muted.pages.map((p) => p.alarm)).not.toContain('service-down');
  });

  it('can name the alarms they apply to', () => {
    const muted = run('db-outage.yaml', (s) => ({
      ...s,
      mutes: [{ from: 0, to: 40, alarms: ['service-down'] }],
    }));
    expect(muted.mutedPages.map((p) => p.alarm)).toEqual(['service-down']);
    expect(muted.pages[0]?.alarm).toBe('api-error-rate-fast');
  });
});

describe('expectations', () => {
  const check = (file: string, expect_: unknown[]) =>
    run(file, (s) => ({ ...s, expect: expect_ as typeof s.expect })).expectations;

  it('maxPages counts pages in a window', () => {
    const [all, window, none] = check('db-outage.yaml', [
      { maxPages: 2 },
      { maxPages: 2, from: 0, to: 13 },
      { maxPages: 0, from: 0, to: 9 },
    ]);
    expect(all?.passed).toBe(false);
    expect(all?.detail).toMatch(/^3: service-down \[P0\] at 12/);
    expect(window?.passed).toBe(true);
    expect(none?.passed).toBe(true);
  });

  it('noPagesAtOrAbove uses the severity order', () => {
    const [p1, p0, p0Late] = check('003-redis-fallback.yaml', [
      { noPagesAtOrAbove: 'P1' },
      { noPagesAtOrAbove: 'P0' },
      { noPagesAtOrAbove: 'P2', from: 20 },
    ]);
    expect(p1).toMatchObject({ passed: false, detail: 'api-latency-p95 [P1] at 14' });
    expect(p0?.passed).toBe(true);
    expect(p0Late?.passed).toBe(true);
  });

  it('clearsBy: out of ALARM from that minute to the end', () => {
    const [cleared, stillIn, never] = check('cpu-spike.yaml', [
      { alarm: 'rds-cpu-high', clearsBy: 20 },
      { alarm: 'service-down', clearsBy: 5 },
      { alarm: 'no-such-alarm', clearsBy: 5 },
    ]);
    expect(cleared).toMatchObject({ passed: true, detail: 'never in ALARM' });
    expect(stillIn?.passed).toBe(true);
    expect(never?.passed).toBe(false);
    const [fails] = check('db-outage.yaml', [{ alarm: 'service-down', clearsBy: 20 }]);
    expect(fails).toMatchObject({ passed: false, detail: 'last in ALARM at minute 40' });
  });

  it('pagedBy, inAlarmBy and neverInAlarm', () => {
    const results = check('db-outage.yaml', [
      { severity: 'P0', pagedBy: 11 },
      { severity: 'P0', pagedBy: 12 },
      { severity: 'P3', pagedBy: 40 },
      { alarm: 'service-down', inAlarmBy: 11 },
      { alarm: 'service-down', neverInAlarm: true },
      { alarm: 'redis-hit-rate-low', neverInAlarm: true },
    ]);
    expect(results.map((r) => r.passed)).toEqual([false, true, false, false, false, false]);
    expect(results[2]?.detail).toBe('no P3 page');
    expect(results[5]?.detail).toBe('redis-hit-rate-low is not an alarm in this environment');
  });

  it('"before onset" instead of a negative latency', () => {
    expect(latencyText(8, 10)).toBe('before onset');
    expect(latencyText(10, 10)).toBe('0 min after onset');
    expect(latencyText(13, 10)).toBe('3 min after onset');
    const early = run('db-outage.yaml', (s) => ({ ...s, onset: 20 }));
    expect(early.pagedBeforeOnset).toBe(true);
  });
});

describe("recovery: the recovery trigger's own decision on the scenario's events", () => {
  const check = (file: string, change: (s: ReturnType<typeof load>) => ReturnType<typeof load>) =>
    run(file, (s) => ({ ...change(s), expect: [{ recoveryStarts: { by: 40 } }, { noRecovery: true }] }))
      .expectations;

  it('an RDS failure event of the configured instance starts a recovery at its minute', () => {
    const result = run('db-outage.yaml');
    expect(result.recovery).toEqual({
      deployed: true,
      decisions: [{ minute: 11, event: 'RDS-EVENT-0031 of ticketing-prod-db', start: true }],
      startMinute: 11,
    });
    const [late, early] = check('db-outage.yaml', (s) => s).map((e) => e.passed);
    expect([late, early]).toEqual([true, false]);
    const [tooSoon] = run('db-outage.yaml', (s) => ({
      ...s,
      expect: [{ recoveryStarts: { by: 10 } }],
    })).expectations;
    expect(tooSoon).toMatchObject({
      passed: false,
      text: 'a DB recovery starts by minute 10',
      detail: 'started at minute 11 by RDS-EVENT-0031 of ticketing-prod-db',
    });
  });

  it('other RDS events, other instances and a disabled workflow start nothing, and say why', () => {
    const other = check('db-outage.yaml', (s) => ({
      ...s,
      rdsEvents: [
        { minute: 11, eventId: 'RDS-EVENT-0004' },
        { minute: 12, eventId: 'RDS-EVENT-0031', instance: 'someone-elses-db' },
      ],
    }));
    expect(other.map((e) => e.passed)).toEqual([false, true]);
    expect(other[1]?.detail).toBe(
      'refused: RDS-EVENT-0004 of ticketing-prod-db at 11 (RDS event RDS-EVENT-0004 is not one of RDS-EVENT-0031, RDS-EVENT-0003); ' +
        'RDS-EVENT-0031 of someone-elses-db at 12 (RDS event for someone-elses-db, not the configured instance ticketing-prod-db)',
    );
    const deleted = run('db-outage.yaml', (s) => ({
      ...s,
      rdsEvents: [{ minute: 30, eventId: 'RDS-EVENT-0003' }],
    }));
    expect(deleted.recovery.startMinute).toBe(30);
    const disabled = check('db-outage.yaml', (s) => ({
      ...s,
      overrides: { recovery: { enabled: false, switch: { strategy: 'rename' } } },
    }));
    expect(disabled[0]).toMatchObject({
      passed: false,
      detail: 'this environment deploys no recovery workflow',
    });
    expect(disabled[1]?.passed).toBe(true);
  });

  it('the database-down alarm starts it only on its change to ALARM, and only where it exists', () => {
    const standard = run('db-hang-standard.yaml');
    expect(standard.recovery.decisions.map((d) => `${d.minute} ${d.event} ${d.start}`)).toEqual([
      '1 database-down INSUFFICIENT_DATA -> OK false',
      '12 database-down OK -> ALARM true',
    ]);
    expect(standard.recovery.decisions[0]?.reason).toBe('the database-down alarm went to OK, not ALARM');
    // The free profile has no database-down alarm: without an RDS event nothing starts a recovery.
    const free = check('db-hang-standard.yaml', (s) => ({ ...s, overrides: {} }));
    expect(free.map((e) => e.passed)).toEqual([false, true]);
    expect(free[1]?.detail).toBe('no RDS event or database-down change reached the trigger');
  });

  it('a mute window does not stop the trigger: it is an EventBridge rule, not an alarm action', () => {
    const muted = run('db-hang-standard.yaml', (s) => ({ ...s, mutes: [{ from: 0, to: 40 }] }));
    expect(muted.pages).toEqual([]);
    expect(muted.recovery.startMinute).toBe(12);
  });

  it('a scenario RDS event needs an RDS event ID', () => {
    const scenario = { ...load('db-outage.yaml'), rdsEvents: [{ minute: 1, eventId: 'failure' }] };
    expect(scenarioSchema.safeParse(scenario).error?.issues[0]?.message).toBe(
      'expected an RDS event ID such as RDS-EVENT-0031',
    );
  });
});

describe('scenarios that cannot lie', () => {
  it('an unknown series key is an error listing the metric keys of the environment', () => {
    const scenario = load('db-outage.yaml');
    const misspelt = {
      ...scenario,
      series: { ...scenario.series, 'probe ServiceHeath': { values: '0x39' } },
    };
    expect(() => runScenario(misspelt, CONFIG_DIR)).toThrowError(ScenarioError);
    expect(() => runScenario(misspelt, CONFIG_DIR)).toThrowError(
      /^series "probe ServiceHeath" is not a metric of example-prod; its metric keys are: .*AWS\/ApiGateway 5XXError.*probe ServiceHealth/,
    );
  });

  it('a notation error names the series, the term and its position', () => {
    const scenario = load('db-outage.yaml');
    const bad = {
      ...scenario,
      series: { ...scenario.series, 'AWS/RDS CPUUtilization': { values: '30x9 3O 5x29' } },
    };
    expect(() => runScenario(bad, CONFIG_DIR)).toThrowError(
      'series "AWS/RDS CPUUtilization": cannot read series term "3O" (term 2 of 3;',
    );
  });

  it('reports a scenario whose series is too short, naming the series', () => {
    expect(() => run('db-outage.yaml', (s) => ({ ...s, minutes: 100 }))).toThrowError(
      'series "AWS/ApiGateway Count" has 40 values, the scenario runs 100 minutes',
    );
  });

  it('a scenario file with an unknown field fails in one line naming the file and field', () => {
    expect(() => loadScenario(join(__dirname, 'fixtures', 'bad-scenario.yaml'))).toThrowError(
      /bad-scenario\.yaml: expect\.0: /,
    );
  });
});
