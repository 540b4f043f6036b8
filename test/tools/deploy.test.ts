import { describe, expect, it } from 'vitest';
import { type DeployDeps, runDeploy } from '../../bin/deploy';
import { examplesOnlyDir } from '../helpers/synth';

/** The examples alone, whatever else config/ holds. */
const EXAMPLES = examplesOnlyDir();

function harness(credentials: DeployDeps['credentials'] = async () => ({ accessKeyId: 'x' })) {
  const npx: string[][] = [];
  const lines: string[] = [];
  const regions: string[] = [];
  const deps: DeployDeps = {
    configDir: EXAMPLES,
    credentials: (region) => {
      regions.push(region);
      return credentials(region);
    },
    npx: (args) => {
      npx.push([...args]);
      return 0;
    },
    log: (l) => lines.push(l),
  };
  return { deps, npx, lines, regions };
}

describe('npm run deploy -- NAME', () => {
  it("deploys the environment's stage, all its stacks in dependency order, after the credentials check", async () => {
    const h = harness();
    expect(await runDeploy(['example-prod'], h.deps)).toBe(0);
    expect(h.regions).toEqual(['ap-northeast-2']);
    expect(h.npx).toEqual([['cdk', 'deploy', '-c', 'env=example-prod', 'example-prod/*']]);
  });
  it('bootstraps the region and us-east-1 first with --bootstrap (once where they are the same)', async () => {
    const h = harness();
    expect(await runDeploy(['example-prod', '--bootstrap'], h.deps)).toBe(0);
    expect(h.npx[0]).toEqual([
      'cdk',
      'bootstrap',
      '-c',
      'env=example-prod',
      'aws://222222222222/ap-northeast-2',
      'aws://222222222222/us-east-1',
    ]);
    expect(h.npx[1]?.[1]).toBe('deploy');
  });
  it('stops before CDK runs: unknown environment, no name, no credentials', async () => {
    const h = harness(async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    });
    await expect(runDeploy(['prod'], h.deps)).rejects.toThrow(
      /unknown environment "prod" .*create it with: npm run ops -- init --env prod/,
    );
    await expect(runDeploy([], h.deps)).rejects.toThrow('the environment is required');
    await expect(runDeploy(['example-prod'], h.deps)).rejects.toMatchObject({
      name: 'CredentialsProviderError',
    });
    expect(h.npx).toEqual([]);
  });
  it('prints its usage for --help', async () => {
    const h = harness();
    expect(await runDeploy(['--help'], h.deps)).toBe(0);
    expect(h.lines.join('\n')).toContain('usage: npm run deploy -- NAME [--bootstrap]');
    expect(h.npx).toEqual([]);
  });
});
