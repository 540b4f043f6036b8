/** Helpers for cdk-nag acknowledgements that must name a finding exactly. */
import { type Stack, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';

/**
 * A resource value as cdk-nag prints it in a finding id: literal strings stay, `Ref`s become
 * `<Name>` and `Fn::GetAtt`s `<Logical.Attr>`, joined the way the template joins them.
 */
export function nagResourceId(stack: Stack, value: string): string {
  return render(stack.resolve(value));
}

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string') return `<${v.Ref}>`;
    if (Array.isArray(v['Fn::GetAtt'])) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
    if (Array.isArray(v['Fn::Join'])) {
      const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(separator);
    }
  }
  return JSON.stringify(value);
}

/**
 * CDK's scheduler Lambda targets share one role per stack that may invoke each target function and
 * its versions (`<arn>:*`). Call once the stack is complete.
 */
export function acknowledgeSchedulerInvokes(stack: Stack, functions: readonly lambda.IFunction[]): void {
  for (const role of stack.node.children.filter((c) => c.node.id.startsWith('SchedulerRoleForTarget'))) {
    for (const fn of functions) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagResourceId(stack, fn.functionArn)}:*]`,
        reason:
          'The scheduler may invoke this function and its versions; the wildcard is the version qualifier only.',
      });
    }
  }
}

/**
 * CDK's own singleton provider functions (custom resources) sit at the stack root with a role and
 * runtime CDK manages. Acknowledges their findings with one reason.
 */
export function acknowledgeCdkProvider(
  stack: Stack,
  idPrefix: string,
  reason: string,
  extraFindings: readonly string[] = [],
): IConstruct | undefined {
  const provider = stack.node.children.find((c) => c.node.id.startsWith(idPrefix));
  if (!provider) return undefined;
  for (const id of [
    ...extraFindings,
    // CDK renders the managed policy ARN of its providers with a partition token.
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'AwsSolutions-L1',
    'Serverless-LambdaDLQ',
    'Serverless-LambdaDefaultMemorySize',
    'Serverless-LambdaTracing',
    'Serverless-LambdaLatestVersion',
  ]) {
    Validations.of(provider).acknowledge({ id, reason });
  }
  return provider;
}
