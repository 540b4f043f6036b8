import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnvironments } from '../../lib/core/environments/load';
import { runCli } from '../../tools/ops/cli';
import { examplesOnlyDir, synthStacks } from '../helpers/synth';

let dir: string;
const lines: string[] = [];
const deps = () => ({
  configDir: dir,
  cloudwatch: () => {
    throw new Error('init makes no AWS call');
  },
  log: (l: string) => lines.push(l),
  sleep: async () => {},
  now: () => new Date('2026-12-01T00:00:00Z'),
});

beforeAll(async () => {
  dir = examplesOnlyDir();
  await runCli(['init', '--env', 'solo', '--account', '123456789012', '--region', 'eu-west-1'], deps());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run ops -- init', () => {
  it('writes a config alone in its account: whole free allowance, budget and anomaly monitor', () => {
    const [config] = loadEnvironments(dir, 'solo');
    expect(config).toMatchObject({
      name: 'solo',
      account: '123456789012',
      region: 'eu-west-1',
      freeTier: { alarmMetricShare: 10, customMetricShare: 10, dashboardShare: 3 },
      budget: { manageBudget: true, anomalyMonitor: true },
      api: { kind: 'rest' },
    });
    const text = readFileSync(join(dir, 'solo.yaml'), 'utf8');
    expect(text).toMatch(
      /^# yaml-language-server: \$schema=\.\/schema\.json\n# solo: alone in account 123456789012/,
    );
    expect(text).not.toContain('Example production environment');
  });

  it('synthesizes with the full shares: as many alarms as the standalone example, two dashboards, a budget', () => {
    const configs = loadEnvironments(dir, 'solo,example-prod');
    const { stacks } = synthStacks(configs);
    const [solo, prod] = stacks.map((s) => Template.fromStack(s));
    if (!solo || !prod) throw new Error('no stacks');
    expect(Object.keys(solo.findResources('AWS::CloudWatch::Alarm'))).toHaveLength(
      Object.keys(prod.findResources('AWS::CloudWatch::Alarm')).length,
    );
    solo.resourceCountIs('AWS::CloudWatch::Dashboard', 2);
    solo.resourceCountIs('AWS::Budgets::Budget', 1);
  });

  it('lists the placeholders to fill in and the next command', () => {
    expect(lines[0]).toBe(
      `wrote ${join(dir, 'solo.yaml')} (alone in the account: 10 alarm metrics, 10 custom metrics, 3 dashboards, a budget)`,
    );
    expect(lines).toContain('  database.instanceIdentifier: ticketing-prod-db');
    expect(lines).toContain('  paging.P0.0.address: oncall@example.com');
    expect(lines).not.toContainEqual(expect.stringMatching(/^ {2}(account|region|tier):/));
    expect(lines.at(-1)).toBe('then: npm run synth -- --env solo   and see README "Deploy"');
  });

  it('writes an HTTP API section, refuses to overwrite and rejects a bad account, in one line each', async () => {
    await runCli(
      ['init', '--env', 'web', '--account', '210987654321', '--region', 'us-east-1', '--api', 'http'],
      deps(),
    );
    expect(loadEnvironments(dir, 'web')[0]?.api).toEqual({
      kind: 'http',
      id: 'abcde12345',
      stage: '$default',
    });
    await expect(
      runCli(['init', '--env', 'solo', '--account', '123456789012', '--region', 'eu-west-1'], deps()),
    ).rejects.toThrowError(/solo\.yaml exists; edit it, or add --force to overwrite it$/);
    await expect(
      runCli(['init', '--env', 'x', '--account', '12345', '--region', 'eu-west-1'], deps()),
    ).rejects.toThrowError('--account must be a 12-digit AWS account id, got "12345"');
    await expect(runCli(['init', '--env', 'x'], deps())).rejects.toThrowError(
      /^--account, --region required/,
    );
  });
});
