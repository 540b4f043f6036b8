/** `app`: the application: health probe, metrics namespace, EC2 group and log groups. */
import { z } from 'zod';
import { logGroupNameProblem } from '../rules/names';
import { checkedString } from './common';

const logGroup = z.strictObject({
  name: checkedString(logGroupNameProblem),
  retention: z
    .enum(['standard', 'important'])
    .default('standard')
    .describe('standard keeps 1 day, important keeps 7 days (seed 002 s1.1). @default - standard'),
});

export const appSection = z.strictObject({
  healthUrl: z
    .url({
      protocol: /^https?$/,
      error: 'expected an http(s) URL of the Spring actuator health endpoint',
    })
    .describe('Spring actuator health URL the probe GETs every minute.'),
  healthTimeoutSeconds: z
    .int()
    .min(1)
    .max(30)
    .default(5)
    .describe('How long the probe waits for the health URL. @default - 5'),
  metricsNamespace: z
    .string()
    .regex(/^[A-Za-z0-9/_.#:-]+$/)
    .refine((ns) => !ns.startsWith('AWS/'), {
      error: 'custom metric namespaces must not start with AWS/',
    })
    .optional()
    .describe('Namespace the application publishes its metrics to. @default - Ticketing/<environment name>'),
  probeNetwork: z
    .strictObject({
      subnetIds: z
        .array(
          z.string().regex(/^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/, {
            error: 'expected a subnet id such as subnet-0a1b2c3d4e5f67890',
          }),
        )
        .min(1),
      securityGroupIds: z
        .array(
          z.string().regex(/^sg-([0-9a-f]{8}|[0-9a-f]{17})$/, {
            error: 'expected a security group id such as sg-0a1b2c3d4e5f67890',
          }),
        )
        .min(1),
      vpcId: z.string().regex(/^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/, {
        error: 'expected a VPC id such as vpc-0a1b2c3d4e5f67890',
      }),
    })
    .optional()
    .describe(
      'Place the probe in these private subnets to reach a private health URL. @default - outside any VPC',
    ),
  autoScalingGroupName: z
    .string()
    .min(1)
    .optional()
    .describe('EC2 Auto Scaling group of the app, for the EC2 CPU capacity signal. @default - no EC2 signal'),
  logGroups: z
    .array(logGroup)
    .default([])
    .describe('Application log groups and their retention class. @default - none'),
  logIngestGbPerMonth: z
    .number()
    .nonnegative()
    .max(100_000)
    .optional()
    .describe(
      "Expected CloudWatch Logs ingestion of the app's log groups, GB a month, for the cost report. @default - the rest of seed 002 s1.1's log budget: the billing family's 5 free GB (ingestion and storage together) less what ops-stack's functions log, shared by the family's environments that leave it unset (0 without logGroups)",
    ),
});
