import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { loadEnvironments } from '../lib/core/environments/load';
import { CONFIG_DIR, configFrom, exampleRaw, synthStacks } from './helpers/synth';

describe('cdk-nag AwsSolutions and Serverless packs', () => {
  const variants = {
    examples: loadEnvironments(CONFIG_DIR),
    'standard profile with encrypted topics': [
      configFrom(
        'example-prod',
        {
          profile: 'standard',
          slo: { precise: true },
          paging: { ...(exampleRaw('example-prod').paging as object), encryptTopics: true },
        },
        'prod-std',
      ),
    ],
    'probe inside a VPC': [
      configFrom(
        'example-staging',
        {
          app: {
            healthUrl: 'http://10.0.1.20:8080/actuator/health',
            probeNetwork: {
              vpcId: 'vpc-0a1b2c3d4e5f67890',
              subnetIds: ['subnet-0a1b2c3d4e5f67890'],
              securityGroupIds: ['sg-0a1b2c3d4e5f67890'],
            },
          },
        },
        'private',
      ),
    ],
  };

  it.each(Object.entries(variants))(
    'passes for %s, every acknowledgement with a reason',
    (_name, configs) => {
      const { app, stacks } = synthStacks(configs);
      for (const stack of stacks) {
        for (const pack of [new AwsSolutionsChecks(app), new ServerlessChecks(app)]) {
          const report = pack.validateScope(stack);
          const findings = report.violations.map(
            (v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
          );
          expect(findings, `${stack.stackName}:\n${findings.join('\n')}`).toEqual([]);
        }
      }
      const acknowledged = stacks.flatMap((s) =>
        s.node
          .findAll()
          .flatMap((c) =>
            c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY),
          )
          .flatMap((m) => Object.values(m.data as Record<string, string>)),
      );
      expect(acknowledged.length).toBeGreaterThan(0);
      for (const reason of acknowledged) expect(reason.length).toBeGreaterThan(40);
    },
  );
});
