/**
 * The only physical names ops-stack sets: what on-call reads in a page or types in a console.
 * Everything else is named by CloudFormation.
 */
import type { Severity } from '../severity/severities';

const NAME_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

export function assertEnvironmentName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new Error(`environment name "${name}" must be lowercase letters, digits and dashes (at most 40)`);
  }
}

/** `ops-prod-P0-service-down`: environment, severity and signal, sortable in the console. */
export function alarmName(environment: string, severity: Severity, signalId: string): string {
  return `${alarmNamePrefix(environment)}${severity}-${signalId}`;
}

/** What every alarm name of an environment starts with (IAM patterns use it). */
export function alarmNamePrefix(environment: string): string {
  assertEnvironmentName(environment);
  return `ops-${environment}-`;
}

export function dashboardName(environment: string, dashboard: 'slo' | 'infrastructure'): string {
  assertEnvironmentName(environment);
  return `ops-${environment}-${dashboard === 'slo' ? 'SLO' : 'Infrastructure'}`;
}

export function stackName(environment: string): string {
  assertEnvironmentName(environment);
  return `OpsStack-${environment}`;
}

/** Saved Logs Insights queries appear in the console under this folder-like prefix. */
export function queryName(environment: string, title: string): string {
  assertEnvironmentName(environment);
  return `ops-stack/${environment}/${title}`;
}

/** The inverse of `alarmName`, for functions that receive an alarm by name. */
export function parseAlarmName(
  name: string,
): { environment: string; severity: Severity; signalId: string } | undefined {
  const match = /^ops-([a-z][a-z0-9-]*?)-(P[0-3])-([a-z0-9-]+)$/.exec(name);
  if (!match) return undefined;
  const [, environment, severity, signalId] = match;
  return { environment: environment as string, severity: severity as Severity, signalId: signalId as string };
}

export function dashboardUrl(region: string, name: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${encodeURIComponent(name)}`;
}

/**
 * `ops-prod-P2`: what subscribers see in confirmations, and how the us-east-1 cost stack addresses
 * the topic without a cross-region reference.
 */
export function topicName(environment: string, severity: Severity): string {
  assertEnvironmentName(environment);
  return `ops-${environment}-${severity}`;
}

/** Stack output holding the recovery state machine ARN; the ops CLI reads it. */
export const RECOVERY_OUTPUT = 'RecoveryStateMachineArn';

/** Stack output holding the name of the recovery settings snapshot parameter; `ops doctor` reads it. */
export const CAPTURED_SETTINGS_OUTPUT = 'RecoverySettingsParameter';

/**
 * `ops-prod-mute-weekly-db-1`: alarm mute rules, readable in the console; the mute CLI and the weekly
 * report find an environment's rules by `muteRulePrefix`.
 */
export function muteRuleName(environment: string, purpose: string): string {
  return `${muteRulePrefix(environment)}${purpose}`;
}

export function muteRulePrefix(environment: string): string {
  assertEnvironmentName(environment);
  return `ops-${environment}-mute-`;
}

/** The name inside an alarm mute rule ARN (`arn:aws:cloudwatch:REGION:ACCOUNT:alarm-mute-rule:NAME`). */
export function muteRuleNameOfArn(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}
