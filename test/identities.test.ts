import { createHash } from 'node:crypto';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { parseAlarmName } from '../lib/core/catalog/naming';
import { configFrom, synthStacks } from './helpers/synth';

/**
 * Named and stateful resources keep their logical IDs: a changed ID makes CloudFormation replace the
 * resource on deploy (a topic loses its confirmed subscriptions, an alarm its history, the state
 * machine its executions). Refactors move files and rename classes; these IDs must not move.
 */
const PINNED: Readonly<Record<string, string>> = {
  PagingDeadLetters39AF0B30: 'AWS::SQS::Queue',
  PagingP0C2FA9C72: 'AWS::SNS::Topic',
  PagingP1BD59A15E: 'AWS::SNS::Topic',
  PagingP26F5C29F0: 'AWS::SNS::Topic',
  PagingP31A21EEA6: 'AWS::SNS::Topic',
  RecoveryStateMachine29EAE564: 'AWS::StepFunctions::StateMachine',
  RecoveryCapturedSettings22E3DA30: 'AWS::SSM::Parameter',
  CostReportSentFindings1C21C0DB: 'AWS::SSM::Parameter',
  HealthProbeLogsDB32C654: 'AWS::Logs::LogGroup',
  RecoveryExecutionLogs715B543C: 'AWS::Logs::LogGroup',
};

/**
 * CDK's logical ID for the path of an L1 resource (`makeUniqueId`): the path's letters and digits plus
 * the first 8 hex digits of the path's md5. (L2 resources add a hidden `Resource` component.)
 */
function logicalIdOf(path: readonly string[]): string {
  const hash = createHash('md5').update(path.join('/')).digest('hex').slice(0, 8).toUpperCase();
  return `${path.map((p) => p.replace(/[^A-Za-z0-9]/g, '')).join('')}${hash}`;
}

const environments = ['example-dev', 'example-staging', 'example-prod'];
const { stacks } = synthStacks(environments.map((name) => configFrom(name)));
const templates = new Map(stacks.map((s) => [s.config.name, Template.fromStack(s).toJSON()]));

describe('stable logical IDs', () => {
  it('reproduces CDK logical IDs from construct paths', () => {
    expect(logicalIdOf(['Alarms', 'service-down'])).toBe('Alarmsservicedown7913D63F');
  });

  it.each(environments)('%s keeps the topics, queue, state machine, parameters and log groups', (name) => {
    const resources = (templates.get(name)?.Resources ?? {}) as Record<string, { Type: string }>;
    for (const [logicalId, type] of Object.entries(PINNED)) {
      expect(resources[logicalId]?.Type, logicalId).toBe(type);
    }
  });

  it.each(environments)(
    '%s names every alarm Alarms/<signal id>, so its logical ID follows the signal',
    (name) => {
      const resources = (templates.get(name)?.Resources ?? {}) as Record<
        string,
        { Type: string; Properties: { AlarmName?: string } }
      >;
      const alarms = Object.entries(resources).filter(
        ([, r]) => r.Type === 'AWS::CloudWatch::Alarm' || r.Type === 'AWS::CloudWatch::CompositeAlarm',
      );
      expect(alarms.length).toBeGreaterThan(0);
      for (const [logicalId, alarm] of alarms) {
        const parsed = parseAlarmName(alarm.Properties.AlarmName ?? '');
        expect(parsed, logicalId).toBeDefined();
        expect(logicalId).toBe(logicalIdOf(['Alarms', parsed?.signalId ?? '']));
      }
    },
  );
});
