/** The chat message on-call reads first, built from a classified notification (format.ts). */
import { describe, expect, it } from 'vitest';
import { type AlarmContext, buildMessage, OTHER_ALARMS_SHOWN } from '../../../lambdas/notifier/format';
import type { AlarmNotification } from '../../../lambdas/shared/messages';
import { signalSummary } from '../../../lib/core/catalog/resolve';

const alarm: AlarmNotification = {
  kind: 'alarm',
  alarmName: 'ops-example-prod-P1-api-error-rate-fast',
  description: '',
  newState: 'ALARM',
  oldState: 'OK',
  reason: 'Threshold Crossed: 1 datapoint [12.5 (26/11/26 13:06:00)] was >= the threshold (5.0).',
  changedAt: '2026-11-26T13:07:00.000Z',
  threshold: 5,
  comparison: 'GreaterThanOrEqualToThreshold',
  currentValue: 12.5,
};
const ctx: AlarmContext = { severity: 'P1' };
const summary = signalSummary('api-error-rate-fast');
if (!summary) throw new Error('api-error-rate-fast has no summary');

describe('alarm messages', () => {
  it('an ALARM: headline with severity, signal title and environment; threshold vs now; since; steps; why', () => {
    const m = buildMessage(alarm, { ...ctx, dashboardUrl: 'https://console.example/d' });
    expect(m.severity).toBe('P1');
    expect(m.headline).toBe(`:red_circle: [P1] ALARM: ${summary.title} (example-prod)`);
    expect(m.fields).toEqual([
      ['Threshold vs now', '>= 5% vs 12.5%'],
      ['Since', '2026-11-26T13:07:00.000Z'],
    ]);
    expect(m.sections.map((s) => s.title)).toEqual(['First steps', 'Why']);
    expect(m.sections[0]?.lines).toEqual(summary.runbook.map((s, i) => `${i + 1}. ${s}`));
    expect(m.sections[1]?.lines).toEqual([alarm.reason]);
    expect(m.link).toEqual({ label: 'Dashboard', url: 'https://console.example/d' });
  });

  it('rounds the current value: two decimals under 100, whole from 100; n/a when CloudWatch gave none', () => {
    const field = (currentValue: number) => buildMessage({ ...alarm, currentValue }, ctx).fields[0]?.[1];
    expect(field(12.3456)).toBe('>= 5% vs 12.35%');
    expect(field(123.456)).toBe('>= 5% vs 123%');
    expect(field(-123.6)).toBe('>= 5% vs -124%');
    const { currentValue: _c, ...noValue } = alarm;
    expect(buildMessage(noValue, ctx).fields[0]?.[1]).toBe('>= 5% vs n/a');
  });

  it('an alarm that is not ours: its name as the title, count units, its own comparison word, no steps', () => {
    const m = buildMessage(
      {
        ...alarm,
        alarmName: 'someone-elses-alarm',
        comparison: 'LessThanLowerThreshold',
        changedAt: '',
        reason: '',
      },
      ctx,
    );
    expect(m.headline).toBe(':red_circle: [P1] ALARM: someone-elses-alarm');
    expect(m.fields).toEqual([
      ['Threshold vs now', 'LessThanLowerThreshold 5 vs 12.5'],
      ['Since', 'unknown'],
    ]);
    expect(m.sections).toEqual([{ title: 'Why', lines: ['no reason given'] }]);
    const { threshold: _t, ...noThreshold } = alarm;
    expect(buildMessage(noThreshold, ctx).fields.map((f) => f[0])).toEqual(['Since']);
    const { comparison: _c, ...noComparison } = alarm;
    expect(buildMessage(noComparison, ctx).fields[0]?.[1]).toBe('5% vs 12.5%');
  });

  it('a recovery says so, with the time in alarm, and lists no first steps', () => {
    const m = buildMessage(
      { ...alarm, newState: 'OK', oldState: 'ALARM' },
      {
        ...ctx,
        transition: 'recovered',
        minutesInAlarm: 17,
      },
    );
    expect(m.headline).toBe(`:white_check_mark: [P1] recovered: ${summary.title} (example-prod)`);
    expect(m.fields).toContainEqual(['In alarm for', '17 min']);
    expect(m.sections.map((s) => s.title)).toEqual(['Why']);
    // Time in alarm belongs to recoveries only.
    expect(buildMessage(alarm, { ...ctx, minutesInAlarm: 17 }).fields.map((f) => f[0])).not.toContain(
      'In alarm for',
    );
  });

  it('data stopped after ALARM says that is often the outage itself', () => {
    const m = buildMessage(alarm, { ...ctx, transition: 'data-stopped' });
    expect(m.headline).toBe(`:white_circle: [P1] data stopped: ${summary.title} (example-prod)`);
    expect(m.sections.map((s) => s.title)).toEqual(['Data stopped', 'Why']);
    expect(m.sections[0]?.lines[0]).toMatch(/^The alarm was in ALARM and its metric stopped arriving/);
  });

  it('live status, flapping and mutes each add their field; a mute also heads the message', () => {
    const m = buildMessage(alarm, {
      ...ctx,
      status: { database: 'available', cache: 'available (2 nodes)' },
      flapping: { flapping: true, changes: 7, announce: true, suppress: false },
      flappingWindowMinutes: 30,
      muted: { rules: [{ name: 'deploy-quiet', expires: '2026-11-26T14:00:00Z' }, { name: 'maintenance' }] },
    });
    expect(m.headline).toBe(`:mute: :red_circle: [P1] ALARM (muted): ${summary.title} (example-prod)`);
    expect(m.fields.slice(2)).toEqual([
      ['Database', 'available'],
      ['Cache', 'available (2 nodes)'],
      ['Flapping', '7 state changes in 30 min; further changes are not posted until it settles'],
      ['Muted by', 'deploy-quiet (rule expires 2026-11-26T14:00:00Z), maintenance'],
    ]);
    expect(m.sections[0]).toEqual({
      title: 'Muted',
      lines: [
        'An alarm mute rule is active: this change paged nobody (e-mail, SMS and HTTPS subscribers were not notified).',
      ],
    });
    const unknownWindow = buildMessage(alarm, {
      ...ctx,
      flapping: { flapping: true, changes: 3, announce: true, suppress: false },
    });
    expect(unknownWindow.fields.at(-1)?.[1]).toMatch(/^3 state changes in \? min/);
    const settled = buildMessage(alarm, {
      ...ctx,
      flapping: { flapping: false, changes: 1, announce: false, suppress: false },
    });
    expect(settled.fields.map((f) => f[0])).not.toContain('Flapping');
  });
});

describe('the other alarms in ALARM (one incident read as one)', () => {
  const others = (o: AlarmContext['othersInAlarm']) =>
    buildMessage(alarm, { ...ctx, othersInAlarm: o }).sections.find((s) =>
      s.title.startsWith('Other alarms'),
    );

  it('names ours by severity and title, others by name, with the time since', () => {
    expect(
      others([
        { name: 'ops-example-prod-P0-service-down', since: '13:05' },
        { name: 'someone-elses-alarm' },
        { name: 'ops-example-prod-P2-not-a-signal' },
      ]),
    ).toEqual({
      title: 'Other alarms in ALARM (3)',
      lines: [
        `[P0] ${signalSummary('service-down')?.title} since 13:05`,
        'someone-elses-alarm',
        '[P2] not-a-signal',
      ],
    });
  });

  it(`shows ${OTHER_ALARMS_SHOWN} and counts the rest; says none, or why it could not read them`, () => {
    const many = Array.from({ length: OTHER_ALARMS_SHOWN + 3 }, (_, i) => ({ name: `alarm-${i}` }));
    const section = others(many);
    expect(section?.title).toBe(`Other alarms in ALARM (${OTHER_ALARMS_SHOWN + 3})`);
    expect(section?.lines).toHaveLength(OTHER_ALARMS_SHOWN + 1);
    expect(section?.lines.at(-1)).toBe('and 3 more');
    expect(others(many.slice(0, OTHER_ALARMS_SHOWN))?.lines.at(-1)).toBe(`alarm-${OTHER_ALARMS_SHOWN - 1}`);
    expect(others([])).toEqual({ title: 'Other alarms in ALARM', lines: ['none'] });
    expect(others({ unavailable: 'AccessDenied' })).toEqual({
      title: 'Other alarms in ALARM',
      lines: ['unavailable (AccessDenied)'],
    });
    expect(others(undefined)).toBeUndefined();
  });
});

describe('budget, anomaly and ops-stack messages', () => {
  it('a budget: subject in the headline, its first 8 non-empty lines', () => {
    const text = ['', 'line 1', '   ', ...Array.from({ length: 9 }, (_, i) => `line ${i + 2}`)].join('\n');
    const m = buildMessage(
      { kind: 'budget', subject: 'AWS Budgets: ops over 80%', text },
      { severity: 'P2' },
    );
    expect(m).toEqual({
      severity: 'P2',
      headline: ':moneybag: [P2] AWS Budgets: ops over 80%',
      fields: [],
      sections: [{ title: 'Budget', lines: Array.from({ length: 8 }, (_, i) => `line ${i + 1}`) }],
    });
  });

  it('an anomaly: impact in dollars with cents, monitor, services (or unknown), the details link', () => {
    const m = buildMessage(
      {
        kind: 'anomaly',
        monitorName: 'ops-services',
        totalImpactUsd: 41.5,
        services: ['Amazon CloudWatch', 'AWS Lambda'],
        link: 'https://console.aws.amazon.com/cost-management/home#/anomaly-detection',
      },
      { severity: 'P2' },
    );
    expect(m).toEqual({
      severity: 'P2',
      headline: ':money_with_wings: [P2] Cost anomaly: $41.50 unexpected spend',
      fields: [
        ['Monitor', 'ops-services'],
        ['Services', 'Amazon CloudWatch, AWS Lambda'],
      ],
      sections: [],
      link: {
        label: 'Anomaly details',
        url: 'https://console.aws.amazon.com/cost-management/home#/anomaly-detection',
      },
    });
    const bare = buildMessage(
      { kind: 'anomaly', monitorName: 'm', totalImpactUsd: 3, services: [] },
      { severity: 'P3' },
    );
    expect(bare.fields[1]).toEqual(['Services', 'unknown']);
    expect(bare).not.toHaveProperty('link');
  });

  it('an ops-stack message: title in the headline, lines under its source', () => {
    expect(
      buildMessage(
        { kind: 'ops', source: 'recovery', title: 'Restore started', lines: ['a', 'b'] },
        { severity: 'P0' },
      ),
    ).toEqual({
      severity: 'P0',
      headline: '[P0] Restore started',
      fields: [],
      sections: [{ title: 'recovery', lines: ['a', 'b'] }],
    });
  });
});
