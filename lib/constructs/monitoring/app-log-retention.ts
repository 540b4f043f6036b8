import { CfnResource, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../core/config/schema';
import { acknowledgeCdkProvider } from '../common/nag';

export interface AppLogRetentionProps {
  readonly logGroups: EnvironmentConfig['app']['logGroups'];
}

/** Seed 002 s1.1: logs are kept 1 day, important logs 7 days, to stay inside the 5 GB free tier. */
export const RETENTION_DAYS: Record<'standard' | 'important', logs.RetentionDays> = {
  standard: logs.RetentionDays.ONE_DAY,
  important: logs.RetentionDays.ONE_WEEK,
};

/**
 * Sets retention on the application's log groups. The app creates them, so they are not ours to
 * own: CDK's LogRetention applies the policy to an existing group (and creates a missing one).
 */
export class AppLogRetention extends Construct {
  constructor(scope: Construct, id: string, props: AppLogRetentionProps) {
    super(scope, id);
    for (const group of props.logGroups) {
      new logs.LogRetention(this, group.name, {
        logGroupName: group.name,
        retention: RETENTION_DAYS[group.retention],
      });
    }
    if (props.logGroups.length === 0) return;
    // CDK adds one provider function per stack, as a direct child of the stack.
    const provider = acknowledgeCdkProvider(
      Stack.of(this),
      'LogRetention',
      "CDK's LogRetention provider: it must call PutRetentionPolicy on log groups the app created, so its policy names logs:PutRetentionPolicy on all groups; its runtime and role are managed by CDK.",
      ['AwsSolutions-IAM5[Resource::*]'],
    );
    if (!provider) return;
    // The provider's own log group would never expire; it sets its own retention too.
    const providerFunction = provider.node.children.find(
      (c) => c instanceof CfnResource && c.cfnResourceType === 'AWS::Lambda::Function',
    );
    if (providerFunction instanceof CfnResource) {
      new logs.LogRetention(this, 'ProviderLogs', {
        logGroupName: `/aws/lambda/${providerFunction.ref}`,
        retention: logs.RetentionDays.ONE_WEEK,
      });
    }
  }
}
