import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyHealth } from '../../../lambdas/health-probe/classify';
import { runProbe } from '../../../lambdas/health-probe/probe';
import { PROBE_HEALTH } from '../../../lib/core/catalog/app-metrics';
import { startServer, type TestServer } from '../../helpers/http-server';

const actuator = (status: string, components: Record<string, string> = {}) =>
  JSON.stringify({
    status,
    components: Object.fromEntries(Object.entries(components).map(([k, v]) => [k, { status: v }])),
  });

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    '/up': { status: 200, body: actuator('UP', { db: 'UP', redis: 'UP', kafka: 'UP' }) },
    '/db-down': { status: 503, body: actuator('DOWN', { db: 'DOWN', redis: 'UP', kafka: 'UP' }) },
    '/redis-down': { status: 503, body: actuator('DOWN', { db: 'UP', redis: 'DOWN' }) },
    '/kafka-down': { status: 503, body: actuator('DOWN', { db: 'UP', redis: 'UP', kafka: 'DOWN' }) },
    '/bare-down': { status: 503, body: actuator('DOWN') },
    '/html': { status: 200, body: '<html>login</html>', contentType: 'text/html' },
    '/slow': { status: 200, body: actuator('UP'), delayMs: 400 },
    '/slowish': { status: 200, body: actuator('UP'), delayMs: 60 },
  });
});
afterAll(() => server.close());

const probe = (path: string, timeoutMs = 1000) =>
  runProbe(
    { url: server.url(path), timeoutMs, environment: 'test' },
    { fetch: globalThis.fetch, now: Date.now },
  );

describe('health probe against a live HTTP server', () => {
  it('reports up with the latency and one EMF metric', async () => {
    const result = await probe('/up');
    expect(result).toMatchObject({ state: PROBE_HEALTH.up, httpStatus: 200, failing: {} });
    const record = result.metricRecord as {
      _aws: { CloudWatchMetrics: { Metrics: unknown[]; Namespace: string }[] };
    };
    expect(record._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'OpsStack/Probe',
        Dimensions: [['Environment']],
        Metrics: [{ Name: 'ServiceHealth', Unit: 'None' }],
      },
    ]);
    expect(result.metricRecord).toMatchObject({ ServiceHealth: 0, Environment: 'test', httpStatus: 200 });
  });

  it.each([
    ['/db-down', PROBE_HEALTH.databaseDown, 'database down: status DOWN, failing db=DOWN (HTTP 503)'],
    ['/redis-down', PROBE_HEALTH.redisDown, 'redis down: status DOWN, failing redis=DOWN (HTTP 503)'],
    ['/kafka-down', PROBE_HEALTH.degraded, 'degraded: status DOWN, failing kafka=DOWN (HTTP 503)'],
    [
      '/bare-down',
      PROBE_HEALTH.unreachable,
      'status DOWN without component details (HTTP 503); enable show-components for the probe',
    ],
    ['/html', PROBE_HEALTH.unreachable, 'HTTP 200 with a body that is not JSON (<html>login</html>)'],
  ])('%s gives state %i', async (path, state, detail) => {
    const result = await probe(path);
    expect(result.state).toBe(state);
    expect(result.detail).toBe(detail);
    expect(result.metricRecord).toMatchObject({ ServiceHealth: state, detail });
  });

  it('a slow answer within the timeout is up; past the timeout it is unreachable', async () => {
    const slowish = await probe('/slowish', 1000);
    expect(slowish.state).toBe(PROBE_HEALTH.up);
    expect(slowish.latencyMs).toBeGreaterThanOrEqual(50);
    const slow = await probe('/slow', 100);
    expect(slow).toMatchObject({ state: PROBE_HEALTH.unreachable, detail: 'no answer within 100 ms' });
    expect(slow.httpStatus).toBeUndefined();
  });

  it('a refused connection is unreachable with the cause', async () => {
    const closed = await startServer({});
    const url = closed.url('/health');
    await closed.close();
    const result = await runProbe(
      { url, timeoutMs: 1000, environment: 'test' },
      { fetch: globalThis.fetch, now: Date.now },
    );
    expect(result.state).toBe(PROBE_HEALTH.unreachable);
    expect(result.detail).toMatch(/^request failed: fetch failed: .*ECONNREFUSED/);
  });
});

describe('classifyHealth', () => {
  it('treats UNKNOWN components as not down and datasource as the database', () => {
    expect(classifyHealth(200, actuator('UP', { ping: 'UNKNOWN' })).state).toBe(PROBE_HEALTH.up);
    expect(classifyHealth(503, actuator('DOWN', { dataSource: 'DOWN' })).state).toBe(
      PROBE_HEALTH.databaseDown,
    );
    expect(classifyHealth(200, '{"ok":true}').detail).toBe(
      'HTTP 200 with JSON that has no actuator "status" field',
    );
  });
});
