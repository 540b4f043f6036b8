import { describe, expect, it } from 'vitest';
import { AWS_REGIONS } from '../../../lib/core/config/rules/regions';
import type { Subscription } from '../../../lib/core/config/schema';
import { publishersBySeverity, SERVICE_TOPICS } from '../../../lib/core/paging/publishers';
import { pagingProblems, type ReachabilityInput, reachesPerson } from '../../../lib/core/paging/reachability';
import {
  nearestSmsRegion,
  SMS_REGIONS,
  SMS_REGIONS_SOURCE,
  sendsSms,
} from '../../../lib/core/paging/sms-regions';
import type { Severity } from '../../../lib/core/severity/severities';

const email: Subscription = { type: 'email', address: 'oncall@example.com' };
const sms: Subscription = { type: 'sms', number: '+821000000000' };
const https: Subscription = { type: 'https', url: 'https://events.pagerduty.com/integration/x/enqueue' };
const chat: Subscription = { type: 'chat', format: 'slack', webhookParameter: '/ops/slack' };

function input(overrides: Partial<ReachabilityInput> = {}): ReachabilityInput {
  return {
    environment: 'test-env',
    region: 'us-east-1',
    subscriptions: { P0: [email], P1: [email], P2: [email], P3: [email] },
    silent: {},
    publishers: { P0: ['alarm service-down'], P1: [], P2: [], P3: [] },
    ...overrides,
  };
}
const none: Record<Severity, never[]> = { P0: [], P1: [], P2: [], P3: [] };

describe('SMS regions (Supported Regions and countries, Amazon SNS Developer Guide)', () => {
  it('has its source and the date it was read', () => {
    expect(SMS_REGIONS_SOURCE.url).toBe(
      'https://docs.aws.amazon.com/sns/latest/dg/sns-supported-regions-countries.html',
    );
    expect(SMS_REGIONS_SOURCE.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  it("lists every region of the page's table, each a real region code, Seoul not among them", () => {
    // "Currently, Amazon SNS supports SMS messaging in the following AWS Regions:" (the current page,
    // through Europe (Milan)), then the last repository edition's rows after Milan.
    expect(SMS_REGIONS_SOURCE.quote).toBe(
      'Currently, Amazon SNS supports SMS messaging in the following AWS Regions',
    );
    expect(SMS_REGIONS).toEqual([
      'us-east-2',
      'us-east-1',
      'us-west-1',
      'us-west-2',
      'af-south-1',
      'ap-south-2',
      'ap-southeast-3',
      'ap-southeast-4',
      'ap-south-1',
      'ap-northeast-3',
      'ap-southeast-1',
      'ap-southeast-2',
      'ap-northeast-1',
      'ca-central-1',
      'ca-west-1',
      'eu-central-1',
      'eu-west-1',
      'eu-west-2',
      'eu-south-1',
      'eu-west-3',
      'eu-north-1',
      'me-south-1',
      'sa-east-1',
      'us-gov-west-1',
    ]);
    // GovCloud is its own partition, out of the config's region list on purpose (regions.ts).
    for (const region of SMS_REGIONS.filter((r) => !r.startsWith('us-gov-'))) {
      expect(AWS_REGIONS, region).toContain(region);
    }
    for (const region of ['ap-northeast-2', 'ap-east-1', 'cn-north-1']) expect(sendsSms(region)).toBe(false);
  });
  it('Tokyo sends SMS; Seoul is not on the page and points to Tokyo', () => {
    // "Currently, Amazon SNS supports SMS messaging in the following AWS Regions: ... Asia Pacific
    // (Tokyo) | ap-northeast-1"; Seoul is not listed. Cognito: Seoul "must use your Amazon SNS
    // configuration in the Asia Pacific (Tokyo) Region".
    expect(sendsSms('ap-northeast-1')).toBe(true);
    expect(sendsSms('ap-northeast-2')).toBe(false);
    expect(nearestSmsRegion('ap-northeast-2')).toBe('ap-northeast-1');
    expect(nearestSmsRegion('us-east-1')).toBeUndefined();
    expect(new Set(SMS_REGIONS).size).toBe(SMS_REGIONS.length);
  });
  it('SMS reaches a person only from an SMS region; the other kinds always do', () => {
    expect(reachesPerson(sms, 'us-east-1')).toBe(true);
    expect(reachesPerson(sms, 'ap-northeast-2')).toBe(false);
    for (const s of [email, https, chat]) expect(reachesPerson(s, 'ap-northeast-2')).toBe(true);
  });
});

describe('every page reaches a person', () => {
  it('passes when every published severity has a person', () => {
    expect(pagingProblems(input())).toEqual([]);
  });
  it('names the environment, the severity and what publishes to it', () => {
    const problems = pagingProblems(
      input({ subscriptions: { ...none, P1: [email] }, publishers: { ...none, P0: ['alarm service-down'] } }),
    );
    expect(problems).toEqual([
      {
        path: 'paging.P0',
        message:
          'P0 of test-env reaches nobody, but alarm service-down publishes to it. Add an email, https, chat or deliverable sms subscription to paging.P0, or declare it silent on purpose: paging.silent.P0: "<why nobody needs these>"',
      },
    ]);
  });
  it('lists up to four publishers and counts the rest', () => {
    const [problem] = pagingProblems(
      input({ subscriptions: none, publishers: { ...none, P2: ['a', 'b', 'c', 'd', 'e', 'f'] } }),
    );
    expect(problem?.message).toContain('but a, b, c, d and 2 more publish');
    const [two] = pagingProblems(input({ subscriptions: none, publishers: { ...none, P2: ['a', 'b'] } }));
    expect(two?.message).toContain('but a and b publish');
  });
  it('a severity nothing publishes to may reach nobody', () => {
    expect(pagingProblems(input({ subscriptions: none, publishers: none }))).toEqual([]);
  });
  it('a severity declared silent with a reason passes, and may not also have people', () => {
    const silent = input({
      subscriptions: { ...none, P0: [email] },
      silent: { P3: 'dev notices are read on the dashboard' },
      publishers: { ...none, P3: ['the cost report'] },
    });
    expect(pagingProblems(silent)).toEqual([]);
    const contradictory = input({ silent: { P0: 'nobody' } });
    expect(pagingProblems(contradictory)).toEqual([
      {
        path: 'paging.silent.P0',
        message:
          'test-env declares P0 silent, but P0 has 1 subscription(s) that reach a person; remove the declaration or the subscriptions',
      },
    ]);
  });
  it('SMS from a region without SMS is refused with the options, and does not count as a person', () => {
    const problems = pagingProblems(
      input({ region: 'ap-northeast-2', subscriptions: { ...none, P0: [email, sms], P1: [email] } }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('paging.P0.1');
    expect(problems[0]?.message).toMatch(
      /^SMS on P0 of test-env is never delivered: Amazon SNS does not send SMS from ap-northeast-2 \(Supported Regions and countries/,
    );
    expect(problems[0]?.message).toContain('the nearest is ap-northeast-1');
    expect(problems[0]?.message).toContain('https subscription such as PagerDuty');
    const onlySms = pagingProblems(
      input({ region: 'ap-northeast-2', subscriptions: { ...none, P0: [sms] } }),
    );
    expect(onlySms.map((p) => p.path)).toEqual(['paging.P0.0', 'paging.P0']);
    const elsewhere = pagingProblems(
      input({ region: 'eu-central-9', subscriptions: { ...none, P0: [sms] } }),
    );
    expect(elsewhere[0]?.message).not.toContain('nearest');
  });
});

describe('publishers by severity', () => {
  it('alarms with actions, budgets, the anomaly monitor, the cost report and recovery', () => {
    const by = publishersBySeverity({
      alarms: [
        { id: 'service-down', severity: 'P0', actionsEnabled: true },
        { id: 'quiet', severity: 'P1', actionsEnabled: false },
        { id: 'database-cpu', severity: 'P2', actionsEnabled: true },
      ],
      budget: true,
      anomalyMonitor: true,
      recovery: true,
    });
    expect(by).toEqual({
      P0: ['alarm service-down', 'the recovery workflow'],
      P1: ['the recovery workflow'],
      P2: ['alarm database-cpu', 'the account budget', 'the cost anomaly monitor', 'the cost report'],
      P3: ['the account budget', 'the cost report'],
    });
  });
  it('leaves out what the environment does not have', () => {
    const by = publishersBySeverity({ alarms: [], budget: false, anomalyMonitor: false, recovery: false });
    expect(by).toEqual({ P0: [], P1: [], P2: ['the cost report'], P3: ['the cost report'] });
    expect(SERVICE_TOPICS.recovery.page).toBe('P0');
  });
});
