import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  atOrAbove,
  isSeverity,
  responseTime,
  SEVERITIES,
  severitySummary,
  severityTitle,
} from '../../../lib/core/severity/severities';

const root = join(__dirname, '..', '..', '..');

describe('severities (seed 002 s4.2)', () => {
  it('say the seed response times', () => {
    expect(SEVERITIES.map(responseTime)).toEqual([
      'now',
      'within 1 hour',
      'within 4 hours',
      'within 24 hours',
    ]);
    expect(severityTitle('P1')).toBe('P1 high: respond within 1 hour');
    expect(severitySummary()).toBe('P0 respond now, P1 within 1 hour, P2 within 4 hours, P3 within 24 hours');
  });

  it('order and recognise', () => {
    expect(atOrAbove('P1')).toEqual(['P0', 'P1']);
    expect(atOrAbove('P0')).toEqual(['P0']);
    expect(isSeverity('P3')).toBe(true);
    expect(isSeverity('P4')).toBe(false);
    expect(isSeverity(1)).toBe(false);
  });
});

describe('one source per severity', () => {
  afterEach(() => {
    vi.resetModules();
  });

  it('a changed P1 response time reaches the topics, the schema, the alarm reference and the README', async () => {
    // A fresh module graph whose severity table says P1 is 2 hours; everything imported after reads it.
    vi.resetModules();
    const fresh = await import('../../../lib/core/severity/severities');
    (fresh.SEVERITY_DEFINITIONS.P1 as { responseMinutes: number }).responseMinutes = 120;
    const { generatedDocuments } = await import('../../../lib/core/docs/generate');
    const { SeverityTopics } = await import('../../../lib/constructs/paging/severity-topics');
    const docs = generatedDocuments(root);
    expect(docs['config/schema.json']).toContain('P1 high: respond within 2 hours');
    expect(docs['docs/alarms.md']).toContain('P1 within 2 hours');
    expect(docs['README.md']).toContain('| P1 high | within 2 hours |');
    const stack = new Stack();
    new SeverityTopics(stack, 'Topics', {
      environment: 'x',
      subscriptions: { P0: [], P1: [], P2: [], P3: [] },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'ops-x-P1',
      DisplayName: 'P1 high: respond within 2 hours',
    });
  });
});
