/** `recovery`: the automated DB recovery workflow (seed 002 s4.3). */
import { z } from 'zod';
import { route53RecordNameProblem } from '../rules/names';
import { checkedString, secretId, ssmParameterName } from './common';

export const recoverySection = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Deploy the DB recovery workflow. @default - true'),
    approval: z
      .enum(['by-tier', 'auto', 'manual'])
      .default('by-tier')
      .describe(
        'Wait for a person before restoring. @default - by-tier: manual in prod, auto in dev and staging',
      ),
    approvalTimeoutMinutes: z
      .int()
      .min(5)
      .max(1440)
      .default(30)
      .describe('Abort and page after this long without an answer. @default - 30'),
    graceMinutes: z
      .int()
      .min(1)
      .max(60)
      .default(5)
      .describe(
        'How long a transient state (rebooting, modifying, ...) may last before paging. @default - 5',
      ),
    restoreTimeoutMinutes: z
      .int()
      .min(15)
      .max(720)
      .default(120)
      .describe('Give up waiting for the restored instance after this long. @default - 120'),
    acceptBackingUp: z
      .boolean()
      .default(false)
      .describe(
        'Treat a restored instance in backing-up as ready (it serves traffic while its first backup runs). @default - false',
      ),
    switch: z
      .discriminatedUnion('strategy', [
        z.strictObject({
          strategy: z.literal('parameter'),
          parameterName: ssmParameterName.describe('SSM parameter holding the DB host the app reads.'),
        }),
        z.strictObject({
          strategy: z.literal('secret'),
          secretId: secretId.describe('Secrets Manager secret (JSON with a "host" field) the app reads.'),
        }),
        z.strictObject({ strategy: z.literal('rename') }),
        z.strictObject({
          strategy: z.literal('cname'),
          hostedZoneId: z.string().regex(/^Z[A-Z0-9]+$/, { error: 'expected a Route 53 hosted zone id' }),
          recordName: checkedString(route53RecordNameProblem).describe('Record (CNAME) the app connects to.'),
        }),
      ])
      .describe('How the app finds the restored instance.'),
    restart: z
      .strictObject({ cluster: z.string().min(1), service: z.string().min(1) })
      .optional()
      .describe(
        'ECS service to force a new deployment of after the switch. @default - the report asks for a manual restart',
      ),
    allowedGroups: z
      .strictObject({
        subnetGroups: z.array(z.string().min(1)).default([]),
        parameterGroups: z.array(z.string().min(1)).default([]),
        optionGroups: z.array(z.string().min(1)).default([]),
      })
      .prefault({})
      .describe(
        'DB subnet, parameter and option groups the restore may use (least privilege). @default - none',
      ),
  })
  .optional()
  .describe('Automated DB recovery (seed 002 s4.3). @default - no recovery workflow');
