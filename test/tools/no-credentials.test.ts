/**
 * The real entry points as a newcomer runs them, with no AWS credentials anywhere: each stops at the
 * one-line credentials message (no SDK notice before it, no stack trace after it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CREDENTIALS_HINT } from '../../tools/cli/errors';

const root = join(__dirname, '..', '..');

function withoutCredentials(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // The test runner's own switch for the SDK notice must not hide what the CLI prints by itself.
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_')) env[key] = value;
  const empty = mkdtempSync(join(tmpdir(), 'no-aws-'));
  return {
    ...env,
    AWS_CONFIG_FILE: join(empty, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(empty, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

describe('without credentials', () => {
  it.each([[['doctor', '--env', 'example-prod']], [['recovery', 'plan', '--env', 'example-prod']]])(
    'npm run ops -- %j prints only the credentials line and exits 1',
    (argv) => {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'tools/ops/cli.ts', ...argv], {
        cwd: root,
        env: withoutCredentials(),
        encoding: 'utf8',
      });
      expect(result.stderr).toBe(`${CREDENTIALS_HINT}\n`);
      expect(result.status).toBe(1);
    },
  );
  it('npm run deploy -- example-prod stops at the credentials line before CDK bundles anything', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bin/deploy.ts', 'example-prod'], {
      cwd: root,
      env: withoutCredentials(),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe(`${CREDENTIALS_HINT}\n`);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(1);
  });
});
