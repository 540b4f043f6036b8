import { describe, expect, it } from 'vitest';
import { countAlarmMetrics } from '../../../lib/core/catalog/alarm-metrics';
import { metricAlarmProperties } from '../../../lib/core/catalog/alarm-properties';
import { alarmName } from '../../../lib/core/catalog/naming';
import { resolveCatalog } from '../../../lib/core/catalog/resolve';
import { FREE_PROFILE_ORDER, freeProfileRank, SIGNALS } from '../../../lib/core/catalog/signals';
import type { MetricAlarmSpec } from '../../../lib/core/catalog/types';
import { configFrom } from '../../helpers/synth';

const metricAlarms = (catalog: ReturnType<typeof resolveCatalog>) =>
  catalog.alarms.filter((a): a is MetricAlarmSpec => a.kind === 'metric-alarm');
const billed = (env: string, spec: MetricAlarmSpec) =>
  countAlarmMetrics('AWS::CloudWatch::Alarm', metricAlarmProperties(env, spec) as never).standard;
const httpApi = { kind: 'http', id: 'a1b2c3d4e5', stage: 'prod' };

describe('signal catalog', () => {
  it('covers every row of the design brief signal table', () => {
    const ids = SIGNALS.map((s) => s.id);
    for (const id of [
      'service-down',
      'api-error-rate-fast',
      'api-latency-p95',
      'rds-cpu-high',
      'db-connections-high',
      'db-pool-pending',
      'database-down',
      'redis-memory-high',
      'redis-hit-rate-low',
      'redis-down',
      'kafka-consumer-lag',
      'queue-admission-stalled',
      'seat-hold-failures',
      'payment-failures',
      'coupon-over-issue',
      'external-api-failures',
      'jvm-heap-high',
      'thread-pool-saturated',
      'capacity-rds-cpu',
      'capacity-redis-memory',
      'capacity-ec2-cpu',
      'slo-burn-1h',
    ]) {
      expect(ids).toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every signal has a seed reference and three runbook steps', () => {
    for (const s of SIGNALS) {
      expect(s.seed, s.id).toMatch(/^\d{3}/);
      expect(
        s.runbook.every((step) => step.length > 20),
        s.id,
      ).toBe(true);
    }
  });

  it.each(['rest', 'http'])(
    'free profile keeps a %s API environment within its alarm metric share',
    (kind) => {
      for (const share of [10, 6, 4, 1]) {
        const config = configFrom('example-prod', {
          freeTier: { alarmMetricShare: share },
          ...(kind === 'http' ? { api: httpApi } : {}),
        });
        const catalog = resolveCatalog(config);
        const used = metricAlarms(catalog).reduce((sum, a) => sum + billed(config.name, a), 0);
        expect(used).toBe(catalog.alarmMetrics);
        expect(used).toBeLessThanOrEqual(share);
      }
    },
  );

  it('free profile keeps the seed 002 s1.3 alarms and the 1 h burn page first, and says what went to dashboards', () => {
    const catalog = resolveCatalog(configFrom('example-prod'));
    const ids = catalog.alarms.map((a) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'service-down',
        'api-error-rate-fast',
        'slo-burn-1h',
        'rds-cpu-high',
        'redis-memory-high',
        'api-latency-p95',
        'queue-admission-stalled',
        'kafka-consumer-lag',
      ]),
    );
    expect(catalog.alarmMetrics).toBe(10);
    const burn3d = catalog.dashboardOnly.find((d) => d.spec.id === 'slo-burn-3d');
    expect(burn3d?.reason).toBe(
      "free profile: needs 1 alarm metric(s), 0 of this environment's share of 10 left",
    );
    expect(catalog.dashboardOnly.find((d) => d.spec.id === 'redis-hit-rate-low')?.reason).toMatch(
      /dashboard only/,
    );
  });

  it('the free profile order is one list of catalog signals, each once, that alarms keep in that order', () => {
    const ids = new Set(SIGNALS.map((s) => s.id));
    expect(FREE_PROFILE_ORDER.filter((id) => !ids.has(id))).toEqual([]);
    expect(new Set(FREE_PROFILE_ORDER).size).toBe(FREE_PROFILE_ORDER.length);
    expect(freeProfileRank('service-down')).toBe(1);
    expect(freeProfileRank(FREE_PROFILE_ORDER.at(-1) ?? '')).toBe(FREE_PROFILE_ORDER.length);
    expect(freeProfileRank('redis-hit-rate-low')).toBeUndefined();
    // A smaller share is spent on the first signals of the order: service-down (1 metric) and the
    // error ratio (requests and 5xx, 2 metrics) use all 3; nothing later gets in.
    const base = configFrom('example-prod');
    const small = resolveCatalog({ ...base, freeTier: { ...base.freeTier, alarmMetricShare: 3 } });
    expect(small.alarms.map((a) => a.id)).toEqual(['service-down', 'api-error-rate-fast']);
  });

  it('an HTTP API costs two alarm metrics per error-ratio alarm, REST one', () => {
    const rest = metricAlarms(resolveCatalog(configFrom('example-prod', { profile: 'standard' })));
    const http = metricAlarms(
      resolveCatalog(configFrom('example-prod', { profile: 'standard', api: httpApi })),
    );
    const cost = (list: MetricAlarmSpec[], id: string) =>
      billed('example-prod', list.find((a) => a.id === id) as MetricAlarmSpec);
    expect(cost(rest, 'slo-burn-1h')).toBe(1);
    expect(cost(http, 'slo-burn-1h')).toBe(2);
    expect(cost(rest, 'api-error-rate-fast')).toBe(2);
    const fast = http.find((a) => a.id === 'api-error-rate-fast');
    expect(fast?.query).toMatchObject({ expression: 'IF(requests >= 20, 100 * errors / requests, 0)' });
  });

  it('the minimum-traffic guard can be turned off to save an alarm metric', () => {
    const config = configFrom('example-prod', { slo: { minRequestsPerMinute: 0 } });
    const fast = metricAlarms(resolveCatalog(config)).find((a) => a.id === 'api-error-rate-fast');
    expect(fast?.query).toMatchObject({ kind: 'math', expression: '100 * errorRatio' });
    expect(billed(config.name, fast as MetricAlarmSpec)).toBe(1);
  });

  it('standard profile alarms on every applicable signal, precise adds short windows and one composite', () => {
    const config = configFrom('example-prod', { profile: 'standard', slo: { precise: true } });
    const catalog = resolveCatalog(config, { pagingDeadLetterQueueName: 'dlq' });
    expect(catalog.dashboardOnly).toEqual([]);
    expect(catalog.notApplicable.map((n) => n.id)).toEqual(['capacity-ec2-cpu']);
    expect(resolveCatalog(config).notApplicable.map((n) => n.id)).toContain('paging-dead-letters');
    const ids = catalog.alarms.map((a) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining(['slo-burn-1h-short', 'slo-burn-6h-short', 'slo-burn-page', 'jvm-heap-high']),
    );
    const parts = metricAlarms(catalog)
      .filter((a) => !a.actionsEnabled)
      .map((a) => a.id);
    expect(parts.sort()).toEqual(['slo-burn-1h', 'slo-burn-1h-short', 'slo-burn-6h', 'slo-burn-6h-short']);
    expect(metricAlarms(catalog).find((a) => a.id === 'slo-burn-1h-short')?.query).toMatchObject({
      periodSeconds: 300,
    });
  });

  it('thresholds come from the seeds, the SLO and config overrides', () => {
    const config = configFrom('example-prod', {
      profile: 'standard',
      slo: { availability: 99.9 },
      thresholds: { 'rds-cpu-high': 90 },
    });
    const byId = new Map(metricAlarms(resolveCatalog(config)).map((a) => [a.id, a]));
    expect(byId.get('slo-burn-1h')?.threshold).toBe(1.44);
    expect(byId.get('slo-burn-3d')?.threshold).toBe(0.1);
    expect(byId.get('rds-cpu-high')).toMatchObject({
      threshold: 90,
      thresholdSource: 'config thresholds.rds-cpu-high',
    });
    expect(byId.get('db-connections-high')?.threshold).toBe(120);
    expect(byId.get('kafka-consumer-lag')).toMatchObject({
      threshold: 1000,
      comparison: 'GreaterThanThreshold',
    });
    expect(byId.get('queue-entry-latency-slo')?.query).toMatchObject({ metric: { statistic: 'PR(:100)' } });
  });

  it('a smaller custom metric share drops app metrics and the signals that read them', () => {
    const catalog = resolveCatalog(configFrom('example-prod', { freeTier: { customMetricShare: 4 } }));
    expect(catalog.appMetrics.map((m) => m.name)).toEqual([
      'QueueWaitingCount',
      'QueueAdmissions',
      'QueueEntryLatency',
    ]);
    expect(catalog.notApplicable.find((n) => n.id === 'kafka-consumer-lag')?.reason).toMatch(
      /needs custom metric KafkaConsumerLag/,
    );
  });

  it('generates readable alarm names that include the environment', () => {
    expect(alarmName('prod', 'P0', 'service-down')).toBe('ops-prod-P0-service-down');
    expect(() => alarmName('Prod env', 'P0', 'x')).toThrowError(/lowercase/);
  });

  it('alarm descriptions carry severity, condition, runbook and seed within 1024 characters', () => {
    const catalog = resolveCatalog(configFrom('example-prod', { profile: 'standard' }));
    for (const spec of metricAlarms(catalog)) {
      const p = metricAlarmProperties('example-prod', spec);
      expect(p.AlarmDescription.length).toBeLessThanOrEqual(1024);
      expect(p.AlarmDescription).toMatch(new RegExp(`^\\[${spec.severity}\\] `));
      expect(p.AlarmDescription).toContain('First steps: 1)');
    }
    const fast = metricAlarms(catalog).find((a) => a.id === 'api-error-rate-fast') as MetricAlarmSpec;
    expect(metricAlarmProperties('example-prod', fast).AlarmDescription).toContain(
      'Fires when >= 5% for 2 of 3 x 1 min.',
    );
  });
});
