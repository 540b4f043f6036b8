/**
 * Hostile input from AWS, events and config must not forge or break a chat message.
 *
 * Slack's documentation, as these tests read it:
 * - "Formatting message text" (docs.slack.dev/messaging/formatting-message-text): "Slack uses &, <,
 *   and > as control characters for special parsing in text objects, so they must be converted to
 *   HTML entities if they're not going to be used for their parsing purpose."
 * - "Text object": text "accepts any of the standard text formatting markup when type is mrkdwn"
 *   (so a plain_text header is not parsed for mentions or links).
 * - "Section block": text "Maximum length for the text in this field is 3000 characters"; fields
 *   "Maximum number of items is 10. Maximum length for the text in each item is 2000 characters."
 * - "Header block": "Maximum length for the text in this field is 150 characters."
 * - "Blocks": "you can include up to 50 blocks in each message".
 */
import { ListAlarmMuteRulesCommand } from '@aws-sdk/client-cloudwatch';
import { beforeEach, describe, expect, it } from 'vitest';
import { JSON_MAX_CHARACTERS } from '../../../lambdas/notifier/render';
import {
  ANOMALY_MESSAGE,
  alarmMessage,
  BUDGET_MESSAGE,
  snsEvent,
  stateChangeEvent,
  TOPICS,
} from './fixtures';
import { expectWithinSlackLimits, mocks, mrkdwnTexts, resetMocks, runSns, runStateChange } from './harness';

const FORGERIES = ['<!channel>', '<@U123>', '<https://evil.example|Click here>'];
const HOSTILE = `deploy ${FORGERIES.join(' ')} & more`;

beforeEach(resetMocks);

describe('escaping: nothing from AWS or config becomes a mention or a link', () => {
  it('an alarm name with a channel mention, a user mention and a disguised link', async () => {
    const { slack } = await runSns(snsEvent(alarmMessage({ AlarmName: HOSTILE, NewStateReason: HOSTILE })));
    const [body] = slack;
    if (!body) throw new Error('nothing posted');
    for (const text of mrkdwnTexts(body)) {
      for (const forged of FORGERIES) expect(text).not.toContain(forged);
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(body.text).toBe(
      ':red_circle: [P1] ALARM: deploy &lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|Click here&gt; &amp; more',
    );
    expect(JSON.stringify(body.blocks)).toContain('*Why*\\ndeploy &lt;!channel&gt; &lt;@U123&gt;');
    // The header is plain_text, which Slack does not parse: shown as written, not escaped twice.
    expect((body.blocks as { text: { text: string } }[])[0]?.text.text).toBe(
      `:red_circle: [P1] ALARM: ${HOSTILE}`,
    );
  });

  it('a budget subject and text, and an ops-stack title and lines', async () => {
    const budget = await runSns(
      snsEvent(`${BUDGET_MESSAGE}\n${HOSTILE}`, TOPICS.P2, `AWS Budgets: ${HOSTILE}`),
    );
    const ops = await runSns(
      snsEvent(JSON.stringify({ source: 'ops-stack.recovery', title: HOSTILE, lines: [HOSTILE] }), TOPICS.P1),
    );
    for (const body of [...budget.slack, ...ops.slack]) {
      for (const text of mrkdwnTexts(body))
        for (const forged of FORGERIES) expect(text).not.toContain(forged);
    }
    expect(budget.slack[0]?.text).toBe(
      ':moneybag: [P2] AWS Budgets: deploy &lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|Click here&gt; &amp; more',
    );
    // The json target gets the same text unescaped: escaping is the renderer's job at the other end.
    const json = budget.posted.find((p) => p.url.endsWith('/json'))?.body;
    expect(json?.headline).toBe(`:moneybag: [P2] AWS Budgets: ${HOSTILE}`);
  });

  it('an anomaly details link with | and > is not a link; an https link is', async () => {
    const anomaly = (link: string) =>
      JSON.stringify({ ...JSON.parse(ANOMALY_MESSAGE), anomalyDetailsLink: link, monitorName: HOSTILE });
    for (const link of [
      'https://console.aws.amazon.com/x|Click here>',
      'https://evil.example>|<!channel',
      'javascript:alert(1)',
      'http://console.aws.amazon.com/cost-management/home',
      'https://console.aws.amazon.com/a b',
    ]) {
      const { slack, posted } = await runSns(snsEvent(anomaly(link), TOPICS.P2));
      const [body] = slack;
      if (!body) throw new Error('nothing posted');
      expect(JSON.stringify(body)).not.toMatch(/<https?:|<javascript/);
      expect(JSON.stringify(body)).toContain('*Anomaly details*\\nlink withheld: not a plain https URL');
      for (const text of mrkdwnTexts(body))
        for (const forged of FORGERIES) expect(text).not.toContain(forged);
      expect(posted.find((p) => p.url.endsWith('/json'))?.body).toMatchObject({
        link: null,
        fields: { 'Anomaly details': 'link withheld: not a plain https URL' },
      });
    }
    const ok = await runSns(snsEvent(anomaly('https://console.aws.amazon.com/ce?a=1&b=2#x'), TOPICS.P2));
    expect(ok.slack[0]?.blocks).toContainEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: '<https://console.aws.amazon.com/ce?a=1&amp;b=2#x|Anomaly details>' },
      ],
    });
  });
});

describe('limits: every block within Slack limits, cut between characters', () => {
  it('a 250 KB alarm gives a message inside every Block Kit limit, and a json body inside its maximum', async () => {
    const huge = 'x'.repeat(250_000);
    const { slack, posted } = await runSns(
      snsEvent(alarmMessage({ AlarmName: `ops-${huge}`, NewStateReason: `<${huge}>` }), TOPICS.P2),
    );
    const [body] = slack;
    if (!body) throw new Error('nothing posted');
    expectWithinSlackLimits(body);
    const why = (body.blocks as { text?: { text: string } }[]).find((b) => b.text?.text.startsWith('*Why*'));
    expect(why?.text?.text).toHaveLength(3000);
    expect(why?.text?.text.endsWith('xxx…')).toBe(true);
    const json = posted.find((p) => p.url.endsWith('/json'))?.body;
    expect(JSON.stringify(json).length).toBeLessThanOrEqual(JSON_MAX_CHARACTERS);
    expect(String(json?.headline)).toHaveLength(150);
  });

  it('quotes and line breaks that grow in JSON still keep the json body inside its maximum', async () => {
    const reason = '"\n'.repeat(100_000);
    const { posted } = await runSns(snsEvent(alarmMessage({ NewStateReason: reason }), TOPICS.P2));
    const json = posted.find((p) => p.url.endsWith('/json'))?.body;
    expect(JSON.stringify(json).length).toBeLessThanOrEqual(JSON_MAX_CHARACTERS);
    expect(JSON.stringify(json).length).toBeGreaterThan(JSON_MAX_CHARACTERS / 2);
  });

  it('an emoji at the cut is kept whole or left out, never split into a lone surrogate', async () => {
    for (let pad = 2985; pad < 2995; pad++) {
      const reason = `${'a'.repeat(pad)}${'😀👨‍👩‍👧'.repeat(20)}`;
      const { slack } = await runSns(snsEvent(alarmMessage({ NewStateReason: reason })));
      const [body] = slack;
      if (!body) throw new Error('nothing posted');
      expectWithinSlackLimits(body);
      const why = (body.blocks as { text?: { text: string } }[]).find((b) =>
        b.text?.text.startsWith('*Why*'),
      );
      const text = why?.text?.text ?? '';
      expect(text.endsWith('…')).toBe(true);
      // What is left before the ellipsis is whole graphemes of the original.
      expect(reason.startsWith(text.slice('*Why*\n'.length, -1))).toBe(true);
      expect(text.slice(0, -1)).toMatch(/(a|😀|👨‍👩‍👧)$/u);
    }
  });

  it('a message with more sections than Slack allows keeps the header, fields and link, and at most 50 blocks', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `step ${i}`);
    const { slack } = await runSns(
      snsEvent(JSON.stringify({ source: 'ops-stack.recovery', title: 'many', lines }), TOPICS.P1),
    );
    const [body] = slack;
    if (!body) throw new Error('nothing posted');
    expectWithinSlackLimits(body);
    expect(JSON.stringify(body)).toContain('step 199');
  });
});

describe('severity comes from the topic, never from the body', () => {
  it('an ops-stack message on P3 that says "severity": "P0" is posted as P3', async () => {
    const message = JSON.stringify({
      source: 'ops-stack.cost-report',
      severity: 'P0',
      title: 'Cost and free-tier report',
      lines: ['all fine'],
    });
    const { slack, outcomes } = await runSns(snsEvent(message, TOPICS.P3));
    expect(outcomes).toEqual([{ messageId: 'm-1', posted: 1 }]);
    expect(slack[0]?.text).toBe('[P3] Cost and free-tier report');
    expect(JSON.stringify(slack[0])).not.toContain('P0');
  });

  it('an alarm named for P0 that arrives on the P1 topic is posted as P1', async () => {
    const { slack } = await runSns(
      snsEvent(alarmMessage({ AlarmName: 'ops-example-prod-P0-service-down' }), TOPICS.P1),
    );
    expect(slack[0]?.text).toMatch(/^:red_circle: \[P1\] ALARM: /);
  });
});

describe('mute rules: a muted alarm is still said in chat', () => {
  it('a state change of a muted alarm is posted, saying which rule mutes it', async () => {
    mocks.cloudwatch.on(ListAlarmMuteRulesCommand).resolves({
      AlarmMuteRuleSummaries: [
        {
          AlarmMuteRuleArn:
            'arn:aws:cloudwatch:ap-northeast-2:222222222222:alarm-mute-rule:ops-example-prod-deploy',
          Status: 'ACTIVE',
          ExpireDate: new Date('2026-11-22T11:00:00Z'),
        },
      ],
    });
    const { slack, outcome } = await runStateChange(stateChangeEvent('OK', 'ALARM', { reason: HOSTILE }));
    expect(outcome.posted).toBe(1);
    expect(slack[0]?.text).toBe(
      ':mute: :red_circle: [P1] ALARM (muted): API error rate at or above 5% (example-prod)',
    );
    const text = JSON.stringify(slack[0]);
    expect(text).toContain('*Muted by*\\nops-example-prod-deploy (rule expires 2026-11-22T11:00:00.000Z)');
    expect(text).toContain('this change paged nobody');
    expect(mocks.cloudwatch.commandCalls(ListAlarmMuteRulesCommand)[0]?.args[0].input).toEqual({
      AlarmName: 'ops-example-prod-P1-api-error-rate-fast',
      Statuses: ['ACTIVE'],
      MaxRecords: 100,
    });
  });

  it('a state change of an alarm that is not muted was posted from its topic, so it is not posted again', async () => {
    const { slack, outcome } = await runStateChange(stateChangeEvent('OK', 'ALARM'));
    expect(outcome).toMatchObject({ posted: 0, skipped: 'not muted: posted from its topic' });
    expect(slack).toHaveLength(0);
  });

  it('when the mute state cannot be read, the event fails (dead-letter queue) rather than guess', async () => {
    mocks.cloudwatch
      .on(ListAlarmMuteRulesCommand)
      .rejects(Object.assign(new Error('no'), { name: 'Throttling' }));
    await expect(runStateChange(stateChangeEvent('ALARM', 'OK'))).rejects.toThrowError('no');
  });
});
