/** Hand-built synthesized templates for the guard's tests. */
import type { EnvironmentFacts } from '../../../lib/core/guard/facts';
import type { TemplateInput } from '../../../lib/core/guard/inventory';

/** A free-profile environment of account 222222222222 in Seoul, unless told otherwise. */
export const envFacts = (overrides: Partial<EnvironmentFacts> = {}): EnvironmentFacts => ({
  environment: 'prod',
  account: '222222222222',
  region: 'ap-northeast-2',
  profile: 'free',
  customMetrics: [],
  ...overrides,
});

export const stack = (
  name: string,
  f: EnvironmentFacts,
  resources: Record<string, unknown>,
): TemplateInput => ({
  stackName: name,
  template: {
    Metadata: { OpsStack: f },
    Resources: resources as NonNullable<TemplateInput['template']['Resources']>,
  },
});

export const alarm = (name: string) => ({
  Type: 'AWS::CloudWatch::Alarm',
  Properties: { AlarmName: name, Namespace: 'AWS/RDS', MetricName: 'CPUUtilization', Period: 60 },
});

/** `count` one-metric alarms named ops-<env>-P3-a<i>. */
export const alarms = (env: string, count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`A${i}`, alarm(`ops-${env}-P3-a${i}`)]));
