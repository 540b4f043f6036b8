/**
 * The environment configuration: one data file per environment under `config/`.
 *
 * This schema is the single place where config defaults live (zod `.default`); every optional
 * key says its default in its description, which also feeds the exported JSON Schema that
 * editors use. Cross-file checks (account shares, catalog signal ids) live in `validate.ts`.
 */
import { z } from 'zod';
import { severityTitle } from '../severity/severities';

const accountId = z.string().regex(/^\d{12}$/, { error: 'expected a 12-digit AWS account id' });
const region = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, { error: 'expected an AWS region code such as ap-northeast-2' });
const ssmParameterName = z
  .string()
  .regex(/^\/[A-Za-z0-9_.\-/]+$/, { error: 'expected an SSM parameter name starting with /' });

const subscription = z.discriminatedUnion(
  'type',
  [
    z
      .strictObject({ type: z.literal('email'), address: z.email({ error: 'expected an email address' }) })
      .describe('E-mail subscription; AWS sends a confirmation mail once.'),
    z
      .strictObject({
        type: z.literal('sms'),
        number: z
          .string()
          .regex(/^\+[1-9]\d{6,14}$/, { error: 'expected an E.164 phone number such as +821012345678' }),
      })
      .describe('SMS subscription (E.164 number).'),
    z
      .strictObject({
        type: z.literal('https'),
        url: z.url({ protocol: /^https$/, error: 'expected an https:// URL' }),
      })
      .describe('HTTPS endpoint such as a PagerDuty or Opsgenie CloudWatch integration URL.'),
    z
      .strictObject({
        type: z.literal('chat'),
        format: z.enum(['slack', 'json']).default('slack').describe('Message format. @default - slack'),
        webhookParameter: ssmParameterName.describe(
          'SSM SecureString parameter that holds the webhook URL; the URL never lives in this repository.',
        ),
      })
      .describe('Chat webhook reached through the notifier function.'),
  ],
  { error: 'expected a subscription with type email, sms, https or chat' },
);

const restApi = z.strictObject({
  kind: z.literal('rest'),
  name: z.string().min(1).describe('REST API name (the ApiName dimension of AWS/ApiGateway).'),
  stage: z.string().min(1).describe('Deployment stage name.'),
});
const httpApi = z.strictObject({
  kind: z.literal('http'),
  id: z.string().regex(/^[a-z0-9]{10}$/, { error: 'expected a 10-character HTTP API id' }),
  stage: z.string().min(1).default('$default').describe('Stage name. @default - $default'),
});

const logGroup = z.strictObject({
  name: z.string().regex(/^[\w\-/.#]+$/, { error: 'expected a CloudWatch Logs group name' }),
  retention: z
    .enum(['standard', 'important'])
    .default('standard')
    .describe('standard keeps 1 day, important keeps 7 days (seed 002 s1.1). @default - standard'),
});

export const environmentSchema = z
  .strictObject({
    account: accountId
      .optional()
      .describe('Target account. @default - the account of the credentials that run `cdk deploy`'),
    region: region.default('us-east-1').describe('Target region. @default - us-east-1'),
    tier: z
      .enum(['dev', 'staging', 'prod'])
      .default('dev')
      .describe('Kind of environment; prod needs approvals and confirmations. @default - dev'),
    profile: z
      .enum(['free', 'standard'])
      .default('free')
      .describe(
        'free keeps the account inside the CloudWatch free tier; standard alarms on every signal. @default - free',
      ),
    freeTier: z
      .strictObject({
        alarmMetricShare: z
          .int()
          .min(0)
          .max(10)
          .default(10)
          .describe(
            "This environment's share of the account's 10 free alarm metrics; environments in one account must not exceed 10 together. @default - 10",
          ),
        customMetricShare: z
          .int()
          .min(0)
          .max(10)
          .default(10)
          .describe("This environment's share of the account's 10 free custom metrics. @default - 10"),
        dashboardShare: z
          .int()
          .min(0)
          .max(3)
          .default(3)
          .describe(
            "This environment's share of the account's 3 free dashboards: 2 or more gives separate SLO and Infrastructure dashboards, 1 one combined dashboard, 0 none. @default - 3",
          ),
      })
      .prefault({})
      .describe(
        'How this environment shares the account-wide free allowances. @default - the whole allowance',
      ),
    api: z
      .discriminatedUnion('kind', [restApi, httpApi], { error: 'expected api.kind to be rest or http' })
      .describe('The API Gateway in front of the service.'),
    database: z.strictObject({
      instanceIdentifier: z
        .string()
        .regex(/^[a-zA-Z][a-zA-Z0-9-]{0,62}$/, { error: 'expected an RDS DB instance identifier' }),
      engine: z.enum(['mysql', 'postgres']),
      maxConnections: z.int().positive().describe('max_connections of the parameter group.'),
    }),
    cache: z.strictObject({
      clusterId: z
        .string()
        .regex(/^[a-zA-Z][a-zA-Z0-9-]{0,49}$/, { error: 'expected an ElastiCache cache cluster id' })
        .describe('Cache cluster (node group member) id, the CacheClusterId dimension.'),
      replicationGroupId: z
        .string()
        .regex(/^[a-zA-Z][a-zA-Z0-9-]{0,39}$/, { error: 'expected an ElastiCache replication group id' })
        .optional()
        .describe('Replication group, for status lookups. @default - the cluster is described on its own'),
    }),
    app: z.strictObject({
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
        .describe(
          'Namespace the application publishes its metrics to. @default - Ticketing/<environment name>',
        ),
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
        .describe(
          'EC2 Auto Scaling group of the app, for the EC2 CPU capacity signal. @default - no EC2 signal',
        ),
      logGroups: z
        .array(logGroup)
        .default([])
        .describe('Application log groups and their retention class. @default - none'),
    }),
    slo: z
      .strictObject({
        availability: z
          .number()
          .min(90)
          .max(99.99)
          .default(99.5)
          .describe(
            'Availability objective in percent (seed 002 s4.1; 99.9 after Multi-AZ). @default - 99.5',
          ),
        queueEntryLatencyMs: z
          .number()
          .positive()
          .default(100)
          .describe('P95 queue-entry latency objective (seed 002 s4.1). @default - 100'),
        readLatencyMs: z
          .number()
          .positive()
          .default(50)
          .describe('P95 read latency objective (seed 002 s4.1). @default - 50'),
        admissionsPerHour: z
          .int()
          .positive()
          .default(36_000)
          .describe('Queue admission throughput objective (seed 002 s4.1). @default - 36000'),
        redisAvailability: z
          .number()
          .min(90)
          .max(99.99)
          .default(99.9)
          .describe('Redis availability objective (seed 002 s4.1). @default - 99.9'),
        precise: z
          .boolean()
          .default(false)
          .describe(
            'Add the 5 m / 30 m short windows and a composite alarm to the burn-rate pages ($0.50/month per composite). @default - false',
          ),
        minRequestsPerMinute: z
          .int()
          .min(0)
          .default(20)
          .describe(
            'Minimum-traffic guard of the fast error-rate alarm: below this many requests a minute the minute does not count. 0 turns the guard off and saves one alarm metric. @default - 20',
          ),
      })
      .prefault({})
      .describe('Service level objectives. @default - the seed 002 s4.1 objectives'),
    thresholds: z
      .record(z.string(), z.number())
      .default({})
      .describe('Threshold overrides by signal id (see docs/alarms.md). @default - the seed thresholds'),
    paging: z
      .strictObject({
        P0: z
          .array(subscription)
          .default([])
          .describe(`${severityTitle('P0')}. @default - none`),
        P1: z
          .array(subscription)
          .default([])
          .describe(`${severityTitle('P1')}. @default - none`),
        P2: z
          .array(subscription)
          .default([])
          .describe(`${severityTitle('P2')}. @default - none`),
        P3: z
          .array(subscription)
          .default([])
          .describe(`${severityTitle('P3')}. @default - none`),
        notifier: z
          .strictObject({
            timeoutSeconds: z
              .int()
              .min(1)
              .max(10)
              .default(3)
              .describe('Deadline of one webhook POST. @default - 3'),
            attempts: z
              .int()
              .min(1)
              .max(5)
              .default(3)
              .describe('POST attempts before the message goes to the dead-letter queue. @default - 3'),
            flappingChanges: z
              .int()
              .min(2)
              .default(4)
              .describe(
                'More state changes than this within the window is flapping: posted once with a count. @default - 4',
              ),
            flappingWindowMinutes: z
              .int()
              .min(5)
              .max(1440)
              .default(30)
              .describe('Flapping window. @default - 30'),
          })
          .prefault({})
          .describe(
            'How the chat notifier posts. @default - 3 s timeout, 3 attempts, flapping above 4 changes in 30 min',
          ),
        encryptTopics: z
          .boolean()
          .default(false)
          .describe(
            'Encrypt the topics with a customer-managed KMS key ($1/month). @default - false: topics carry alarm metadata only',
          ),
      })
      .prefault({})
      .describe('Subscriptions per severity (seed 002 s4.2). @default - topics without subscriptions'),
    recovery: z
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
              secretId: z
                .string()
                .min(1)
                .describe('Secrets Manager secret (JSON with a "host" field) the app reads.'),
            }),
            z.strictObject({ strategy: z.literal('rename') }),
            z.strictObject({
              strategy: z.literal('cname'),
              hostedZoneId: z.string().regex(/^Z[A-Z0-9]+$/, { error: 'expected a Route 53 hosted zone id' }),
              recordName: z.string().min(1),
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
      .describe('Automated DB recovery (seed 002 s4.3). @default - no recovery workflow'),
    budget: z.strictObject({
      monthlyUsd: z
        .number()
        .positive()
        .describe('Expected monthly cost of the account in USD, gross of credits (seed 002 s4.4).'),
      manageBudget: z
        .boolean()
        .default(true)
        .describe(
          'Create the account budget here; exactly one environment per account should. @default - true',
        ),
      anomalyMonitor: z
        .boolean()
        .default(true)
        .describe(
          'Create the Cost Anomaly Detection SERVICE monitor here; AWS allows one per account. @default - true',
        ),
      anomalyThresholdUsd: z
        .number()
        .positive()
        .default(20)
        .describe('Alert on anomalies with at least this total impact. @default - 20'),
      reportSchedule: z
        .string()
        .regex(/^(cron|rate)\(.+\)$/, {
          error: 'expected an EventBridge Scheduler cron(...) or rate(...) expression',
        })
        .default('cron(0 0 ? * MON *)')
        .describe('When the weekly cost report runs (UTC). @default - cron(0 0 ? * MON *): Monday 09:00 KST'),
      repeatWindowHours: z
        .int()
        .min(1)
        .max(720)
        .default(24)
        .describe('The same cost finding is not sent again within this many hours. @default - 24'),
    }),
  })
  .describe('ops-stack environment configuration');

/** What a config file may contain (defaults not yet applied). */
export type EnvironmentConfigInput = z.input<typeof environmentSchema>;
/** A validated config with every default applied, plus its name (the file name). */
export type EnvironmentConfig = z.output<typeof environmentSchema> & { readonly name: string };
export type Subscription = z.output<typeof subscription>;

/** JSON Schema of a config file, for editors (`config/schema.json` is generated from this). */
export function environmentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(environmentSchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
}
