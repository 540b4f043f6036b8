import { Duration, Fn, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { PROBE_EVENT_KIND } from '../../core/contracts/health-probe';
import { OpsFunction } from '../common/ops-function';

export interface HealthProbeProps {
  readonly environment: string;
  readonly healthUrl: string;
  /** @default - 5 seconds */
  readonly timeout?: Duration;
  /** Private subnets and security groups to reach a private health URL from. @default - outside any VPC */
  readonly network?: {
    readonly vpcId: string;
    readonly subnetIds: readonly string[];
    readonly securityGroupIds: readonly string[];
  };
}

/**
 * GETs the app's actuator health URL every minute and publishes one custom metric (the
 * catalog's service-down, database-down and redis-down alarms read it).
 */
export class HealthProbe extends Construct {
  readonly handler: OpsFunction;
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: HealthProbeProps) {
    super(scope, id);
    const timeout = props.timeout ?? Duration.seconds(5);
    this.handler = new OpsFunction(this, 'Probe', {
      name: 'health-probe',
      description: `GETs ${props.healthUrl} every minute for ops-stack ${props.environment}`,
      memorySize: 128,
      timeout: Duration.seconds(timeout.toSeconds() + 5),
      ...(props.network ? { vpc: this.placement(props.network) } : {}),
      environment: {
        HEALTH_URL: props.healthUrl,
        TIMEOUT_MS: String(timeout.toMilliseconds()),
        OPS_ENVIRONMENT: props.environment,
      },
    });
    this.schedule = new scheduler.Schedule(this, 'EveryMinute', {
      description: `ops-stack ${props.environment} health probe`,
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(1)),
      target: new targets.LambdaInvoke(this.handler.lambda, {
        input: scheduler.ScheduleTargetInput.fromObject({ kind: PROBE_EVENT_KIND }),
        // A probe result a minute late is worthless; missing data already pages.
        retryAttempts: 0,
        maxEventAge: Duration.minutes(1),
      }),
    });
    Validations.of(this.handler.lambda).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'A failed probe run is not retried or kept: the service-down alarm treats the missing datapoint as breaching.',
    });
    Validations.of(this.handler.lambda).acknowledge({
      id: 'Serverless-LambdaAsyncFailureDestination',
      reason: 'As for the DLQ: the next run is a minute away and a missing datapoint pages.',
    });
  }

  /** Existing subnets and groups by id: no lookup at synth, no credentials needed. */
  private placement(
    network: NonNullable<HealthProbeProps['network']>,
  ): NonNullable<ConstructorParameters<typeof OpsFunction>[2]['vpc']> {
    const vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
      vpcId: network.vpcId,
      availabilityZones: network.subnetIds.map((_, i) => Fn.select(i, Fn.getAzs())),
    });
    return {
      vpc,
      vpcSubnets: {
        subnets: network.subnetIds.map((id, i) => ec2.Subnet.fromSubnetId(this, `Subnet${i}`, id)),
      },
      securityGroups: network.securityGroupIds.map((id, i) =>
        ec2.SecurityGroup.fromSecurityGroupId(this, `SecurityGroup${i}`, id, { mutable: false }),
      ),
    };
  }
}
