import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type TestServer } from '../../helpers/http-server';

let server: TestServer;
let handler: (event: unknown) => Promise<{ state: number; detail: string }>;

beforeAll(async () => {
  server = await startServer({ '/actuator/health': { status: 200, body: '{"status":"UP"}' } });
  vi.stubEnv('HEALTH_URL', server.url('/actuator/health'));
  vi.stubEnv('TIMEOUT_MS', '1000');
  vi.stubEnv('OPS_ENVIRONMENT', 'test');
  ({ handler } = await import('../../../lambdas/health-probe/handler'));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

describe('health probe handler', () => {
  it('rejects a malformed event with a clear error and makes no request', async () => {
    await expect(handler({ source: 'aws.events' })).rejects.toThrowError(
      'expected a scheduler event {"kind":"ops-stack.health-probe"}, got {"source":"aws.events"}',
    );
    await expect(handler(null)).rejects.toThrowError(/got null/);
    expect(server.requests).toHaveLength(0);
  });

  it('probes once and prints exactly one EMF line', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const result = await handler({ kind: 'ops-stack.health-probe' });
      expect(result).toEqual({ state: 0, detail: 'UP (HTTP 200)' });
      const emfLines = write.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('"_aws"'));
      expect(emfLines).toHaveLength(1);
      expect(JSON.parse(emfLines[0] ?? '{}')).toMatchObject({ ServiceHealth: 0, Environment: 'test' });
    } finally {
      write.mockRestore();
    }
    expect(server.requests).toEqual([{ method: 'GET', path: '/actuator/health', body: '' }]);
  });

  it('fails at start with the name of a missing variable', async () => {
    const { requiredEnv, positiveIntEnv } = await import('../../../lambdas/shared/env');
    expect(() => requiredEnv('NOPE', {})).toThrowError('environment variable NOPE is required but not set');
    expect(() => positiveIntEnv('T', { T: '5s' })).toThrowError(
      'environment variable T must be a positive integer, got "5s"',
    );
  });
});
