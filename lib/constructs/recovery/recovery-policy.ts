import { Arn, ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as ssm from 'aws-cdk-lib/aws-ssm';
import { normalizedRecordName } from '../../core/config/rules/names';
import type { SwitchSettings } from '../../core/recovery/function-settings';
import { renamedSourcePattern, restoreTargetPattern } from '../../core/recovery/incident';
import type { RecoveryConfig } from '../../core/recovery/settings';
import { nagResourceId } from '../common/nag';
import { grantPublish } from '../common/publish';

export interface RecoveryPolicyProps {
  readonly instance: string;
  readonly allowedGroups: RecoveryConfig['allowedGroups'];
  readonly switch: SwitchSettings;
  /** @default - no ECS permissions (the report asks for a manual restart) */
  readonly restart?: { readonly cluster: string; readonly service: string };
  readonly capturedSettings: ssm.IStringParameter;
  readonly pageTopic: sns.ITopic;
  readonly reportTopic: sns.ITopic;
}

/**
 * Least privilege of the recovery steps, as the README states it: restore only from the source and
 * its own snapshots into `<id>-r-<yyyymmddhh>`, rename only the source and
 * `<id>-failed-<yyyymmddhh>`, repoint only the configured parameter, secret or record, and never
 * delete. `?` in an IAM resource matches exactly one character, so the patterns fit no other name.
 */
export function grantRecoverySteps(role: iam.Role, props: RecoveryPolicyProps): void {
  const stack = Stack.of(role);
  const { instance } = props;
  const rds = (resource: string, name: string) =>
    Arn.format(
      { service: 'rds', resource, resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME },
      stack,
    );
  const source = rds('db', instance);
  const targets = rds('db', restoreTargetPattern(instance));
  const renamed = rds('db', renamedSourcePattern(instance));
  const groups = [
    ...props.allowedGroups.subnetGroups.map((g) => rds('subgrp', g)),
    ...props.allowedGroups.parameterGroups.map((g) => rds('pg', g)),
    ...props.allowedGroups.optionGroups.map((g) => rds('og', g)),
  ];
  // Automated snapshots are named rds:<id>-yyyy-mm-dd-hh-mm; manual ones <id>-... (the step also checks
  // a snapshot was taken from the source's own resource id).
  const snapshots = [rds('snapshot', `rds:${instance}-????-??-??-??-??`), rds('snapshot', `${instance}-*`)];
  // Retained automated backups have generated ids (ab-...): the step checks the backup is the source's.
  const retainedBackups = rds('auto-backup', '*');
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'RestoreIntoTargetsOnly',
      actions: [
        'rds:RestoreDBInstanceToPointInTime',
        'rds:RestoreDBInstanceFromDBSnapshot',
        'rds:AddTagsToResource',
      ],
      resources: [source, targets, ...snapshots, retainedBackups, ...groups],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ModifyTargetsAndRenameSource',
      actions: ['rds:ModifyDBInstance', 'rds:RebootDBInstance'],
      resources: [source, targets, renamed, ...groups],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'DescribeOnly',
      actions: [
        'rds:DescribeDBInstances',
        'rds:DescribeDBSnapshots',
        'rds:DescribeDBInstanceAutomatedBackups',
        'rds:DescribeEvents',
        'rds:DescribePendingMaintenanceActions',
      ],
      resources: ['*'],
    }),
  );
  props.capturedSettings.grantRead(role);
  props.capturedSettings.grantWrite(role);
  grantPublish(role, props.pageTopic, props.reportTopic);
  grantSwitch(role, props.switch);
  if (props.restart) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'RestartTheService',
        actions: ['ecs:UpdateService', 'ecs:DescribeServices'],
        resources: [
          Arn.format(
            {
              service: 'ecs',
              resource: 'service',
              resourceName: `${props.restart.cluster}/${props.restart.service}`,
              arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
            },
            stack,
          ),
        ],
      }),
    );
  }
  const reason =
    "Describe calls need to see instances that may no longer exist; restores read any retained automated backup of the account (their ARNs carry a generated id, and the step checks the backup is the source's); the target, renamed-source and snapshot patterns match this source's names only (? is exactly one character).";
  Validations.of(role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason });
  for (const resource of [targets, renamed, ...snapshots, retainedBackups]) {
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResourceId(stack, resource)}]`,
      reason,
    });
  }
}

function grantSwitch(role: iam.Role, sw: SwitchSettings): void {
  const stack = Stack.of(role);
  if (sw.strategy === 'parameter') {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'RepointTheParameter',
        actions: ['ssm:GetParameter', 'ssm:PutParameter'],
        resources: [
          Arn.format(
            { service: 'ssm', resource: 'parameter', resourceName: sw.parameterName.slice(1) },
            stack,
          ),
        ],
      }),
    );
  } else if (sw.strategy === 'secret') {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'RepointTheSecret',
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
        resources: [
          sw.secretId.startsWith('arn:')
            ? sw.secretId
            : Arn.format(
                {
                  service: 'secretsmanager',
                  resource: 'secret',
                  resourceName: `${sw.secretId}-??????`,
                  arnFormat: ArnFormat.COLON_RESOURCE_NAME,
                },
                stack,
              ),
        ],
      }),
    );
  } else if (sw.strategy === 'cname') {
    // "Normalizing the Route 53 condition key values" (Route 53 developer guide): for
    // ChangeResourceRecordSetsNormalizedRecordNames "All letters must be lowercase" and "The DNS name
    // must be without the trailing dot"; record types and actions are uppercase.
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'RepointTheRecordOnly',
        actions: ['route53:ChangeResourceRecordSets'],
        resources: [`arn:${stack.partition}:route53:::hostedzone/${sw.hostedZoneId}`],
        conditions: {
          'ForAllValues:StringEquals': {
            'route53:ChangeResourceRecordSetsNormalizedRecordNames': [normalizedRecordName(sw.recordName)],
            'route53:ChangeResourceRecordSetsRecordTypes': ['CNAME'],
            'route53:ChangeResourceRecordSetsActions': ['UPSERT'],
          },
        },
      }),
    );
  }
}
