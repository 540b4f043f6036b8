import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { nagResourceId } from './nag';

/** Where the function sources live: `lambdas/<name>/handler.ts`. */
export const LAMBDAS_DIR = join(__dirname, '..', '..', '..', 'lambdas');

/**
 * How ops-stack bundles its functions: ESM, minified, tree-shaken SDK v3 clients bundled in
 * (measured by `npm run bench` to import faster than the runtime's full SDK), and a `require`
 * shim for CommonJS dependencies inside an ESM bundle.
 */
export const OPS_BUNDLING: nodejs.BundlingOptions = {
  format: nodejs.OutputFormat.ESM,
  minify: true,
  target: 'node22',
  mainFields: ['module', 'main'],
  externalModules: [],
  sourceMap: false,
  // esbuild's per-bundle size and timing lines are noise in every synth; errors still print.
  logLevel: nodejs.LogLevel.ERROR,
  banner: "import { createRequire as __cr } from 'node:module';const require = __cr(import.meta.url);",
};

export interface OpsFunctionProps {
  /** Folder under `lambdas/`. */
  readonly name: string;
  /** What the function does, for the console. */
  readonly description: string;
  readonly environment: Readonly<Record<string, string>>;
  /** @default - 10 seconds */
  readonly timeout?: Duration;
  /** @default - 256 MB, enough for the bundled SDK clients to start quickly */
  readonly memorySize?: number;
  /** @default - 1 week (seed 002 s1.1: important logs 7 days) */
  readonly logRetention?: logs.RetentionDays;
  /** @default - not in a VPC */
  readonly vpc?: Pick<lambda.FunctionProps, 'vpc' | 'vpcSubnets' | 'securityGroups'>;
  /**
   * Where failed asynchronous invocations go, with the event and the error (an on-failure
   * destination). @default - nowhere (the caller must acknowledge why)
   */
  readonly onFailure?: sqs.IQueue;
  /** Lambda's own retries of a failed asynchronous invocation. @default - 2 */
  readonly retryAttempts?: number;
}

/**
 * A Lambda function of ours: Node.js 22 on arm64, its own log group with retention, a role of its
 * own that may write only to that log group, and JSON logs from the Powertools logger.
 */
export class OpsFunction extends Construct {
  readonly lambda: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: OpsFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ops-stack ${props.name} function`,
    });
    this.logGroup.grantWrite(this.role);
    if (props.vpc) {
      const vpcAccess = iam.ManagedPolicy.fromAwsManagedPolicyName(
        'service-role/AWSLambdaVPCAccessExecutionRole',
      );
      this.role.addManagedPolicy(vpcAccess);
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM4[Policy::${nagResourceId(Stack.of(this), vpcAccess.managedPolicyArn)}]`,
        reason: 'AWSLambdaVPCAccessExecutionRole is the documented minimum for ENI management in a VPC.',
      });
    }
    this.lambda = new nodejs.NodejsFunction(this, 'Function', {
      entry: join(LAMBDAS_DIR, props.name, 'handler.ts'),
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: `ops-stack-${props.name}`,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      bundling: OPS_BUNDLING,
      ...(props.vpc ?? {}),
      ...(props.onFailure ? { onFailure: new destinations.SqsDestination(props.onFailure) } : {}),
      ...(props.retryAttempts === undefined ? {} : { retryAttempts: props.retryAttempts }),
    });
    if (props.onFailure) {
      Validations.of(this.lambda).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason:
          'Failed invocations go to an on-failure destination, which keeps the error with the event; a DLQ as well would store each failure twice.',
      });
    }
    const runtimeReason =
      'Functions run on nodejs22.x, the Node.js LTS the project builds and tests against; a runtime bump is a tested change, not a synth default.';
    Validations.of(this.lambda).acknowledge({ id: 'AwsSolutions-L1', reason: runtimeReason });
    Validations.of(this.lambda).acknowledge({
      id: 'Serverless-LambdaLatestVersion',
      reason: runtimeReason,
    });
    Validations.of(this.lambda).acknowledge({
      id: 'Serverless-LambdaTracing',
      reason:
        'X-Ray is off: a per-minute probe alone records 43,800 traces a month per environment, past the 100,000 free traces with three environments; logs carry the detail.',
    });
  }
}
