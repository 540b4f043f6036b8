import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { loadEnvironments } from '../../lib/core/environments/load';
import { configFrom, synthStacks } from '../helpers/synth';

const ROOT = join(__dirname, '..', '..');

describe('one CDK Stage per environment', () => {
  const { app } = synthStacks(loadEnvironments(join(ROOT, 'config'), 'example-dev,example-prod'));
  const assembly = app.synth();
  const stacks = assembly.stacksRecursively;

  it("groups each environment's stacks under its name, keeping the stack names", () => {
    expect(stacks.map((s) => [s.hierarchicalId, s.stackName, s.environment.region])).toEqual([
      ['example-dev/OpsStack-example-dev', 'OpsStack-example-dev', 'ap-northeast-2'],
      ['example-prod/OpsStack-example-prod', 'OpsStack-example-prod', 'ap-northeast-2'],
      ['example-prod/OpsStack-example-prod-cost-anomaly', 'OpsStack-example-prod-cost-anomaly', 'us-east-1'],
    ]);
  });

  it('deploys the anomaly stack after the main stack, whose P2 topic it subscribes', () => {
    const anomaly = stacks.find((s) => s.stackName.endsWith('-cost-anomaly'));
    const main = stacks.find((s) => s.stackName === 'OpsStack-example-prod');
    expect(main).toBeDefined();
    expect(anomaly?.dependencies.map((d) => d.id)).toContain(main?.id);
  });

  it('adopts an existing AWS-services monitor when configured: a subscription, no second monitor', () => {
    const arn = 'arn:aws:ce::222222222222:anomalymonitor/0b1e2c3d-4a5b-6c7d-8e9f-0a1b2c3d4e5f';
    const config = configFrom('example-prod', {
      budget: { monthlyUsd: 300, existingAnomalyMonitorArn: arn },
    });
    const { app: adopted } = synthStacks([config]);
    const stack = adopted.node
      .findAll()
      .find((c): c is Stack => Stack.isStack(c) && c.stackName.endsWith('-cost-anomaly'));
    if (!stack) throw new Error('no anomaly stack');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CE::AnomalyMonitor', 0);
    template.hasResourceProperties('AWS::CE::AnomalySubscription', { MonitorArnList: [arn] });
  });

  it('`cdk list` shows the stage layout, so `cdk deploy NAME/*` selects one environment', () => {
    const out = spawnSync('npx', ['cdk', 'list', '-c', 'env=example-prod'], { cwd: ROOT, encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout.trim().split('\n')).toEqual([
      'example-prod/OpsStack-example-prod (OpsStack-example-prod)',
      'example-prod/OpsStack-example-prod-cost-anomaly (OpsStack-example-prod-cost-anomaly)',
    ]);
  });
});
