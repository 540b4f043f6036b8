import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addEnvironments } from '../../../lib/stacks/ops-app';
import { configFrom, newApp } from '../../helpers/synth';

// The only test that bundles for real (esbuild, no Docker); every other test skips bundling.
describe('function bundling', () => {
  it('bundles the probe as a small ESM file that imports without the AWS SDK', () => {
    const app = newApp(true);
    addEnvironments(app, [configFrom('example-prod')]);
    const assembly = app.synth();
    const assets = readdirSync(assembly.directory).filter((d) => d.startsWith('asset.'));
    const probe = assets
      .map((d) => join(assembly.directory, d, 'index.mjs'))
      .find((file) => {
        try {
          return (
            statSync(file).isFile() && execFileSync('grep', ['-l', 'ops-stack.health-probe', file]).length > 0
          );
        } catch {
          return false;
        }
      });
    expect(probe, `assets: ${assets.join(', ')}`).toBeDefined();
    const file = probe as string;
    expect(statSync(file).size).toBeLessThan(50 * 1024);
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(file)}); console.log(typeof m.handler);`,
      ],
      { env: { ...process.env, HEALTH_URL: 'http://127.0.0.1:1/', TIMEOUT_MS: '100', OPS_ENVIRONMENT: 'x' } },
    );
    expect(out.toString().trim()).toBe('function');
  });
});
