/** Builds the chat message (what on-call reads first) and renders it for Slack or as generic JSON. */
import { COMPARISON_SYMBOL, formatValue } from '../../lib/core/catalog/alarm-properties';
import { parseAlarmName } from '../../lib/core/catalog/naming';
import { signalSummary } from '../../lib/core/catalog/resolve';
import type { Notification } from '../shared/messages';
import type { ResourceStatus } from './enrichment';
import type { FlappingVerdict } from './flapping';

export interface ChatMessage {
  readonly severity?: string;
  readonly headline: string;
  readonly fields: readonly (readonly [string, string])[];
  readonly sections: readonly { readonly title: string; readonly lines: readonly string[] }[];
  readonly link?: { readonly label: string; readonly url: string };
}

export interface AlarmContext {
  readonly severity: string;
  readonly dashboardUrl?: string;
  readonly status?: ResourceStatus;
  readonly flapping?: FlappingVerdict;
  readonly flappingWindowMinutes?: number;
  readonly minutesInAlarm?: number;
}

const STATE_ICON: Record<string, string> = {
  ALARM: ':red_circle:',
  OK: ':white_check_mark:',
  INSUFFICIENT_DATA: ':white_circle:',
};

export function buildMessage(n: Notification, ctx: AlarmContext): ChatMessage {
  switch (n.kind) {
    case 'alarm': {
      const parsed = parseAlarmName(n.alarmName);
      const summary = parsed ? signalSummary(parsed.signalId) : undefined;
      const title = summary?.title ?? n.alarmName;
      const where = parsed ? ` (${parsed.environment})` : '';
      const unit = summary?.unit ?? 'count';
      const fields: [string, string][] = [];
      if (n.threshold !== undefined) {
        const symbol =
          COMPARISON_SYMBOL[n.comparison as keyof typeof COMPARISON_SYMBOL] ?? n.comparison ?? '';
        const current = n.currentValue === undefined ? 'n/a' : formatValue(round(n.currentValue), unit);
        fields.push(['Threshold vs now', `${symbol} ${formatValue(n.threshold, unit)} vs ${current}`]);
      }
      fields.push(['Since', n.changedAt || 'unknown']);
      if (n.newState === 'OK' && ctx.minutesInAlarm !== undefined)
        fields.push(['In alarm for', `${ctx.minutesInAlarm} min`]);
      if (ctx.status) fields.push(['Database', ctx.status.database], ['Cache', ctx.status.cache]);
      if (ctx.flapping?.flapping) {
        fields.push([
          'Flapping',
          `${ctx.flapping.changes} state changes in ${ctx.flappingWindowMinutes ?? '?'} min; further changes are not posted until it settles`,
        ]);
      }
      const verb = n.newState === 'OK' ? 'recovered' : n.newState;
      return {
        severity: ctx.severity,
        headline: `${STATE_ICON[n.newState] ?? ''} [${ctx.severity}] ${verb}: ${title}${where}`.trim(),
        fields,
        sections: [
          ...(n.newState === 'ALARM' && summary
            ? [{ title: 'First steps', lines: summary.runbook.map((s, i) => `${i + 1}. ${s}`) }]
            : []),
          { title: 'Why', lines: [n.reason] },
        ],
        ...(ctx.dashboardUrl ? { link: { label: 'Dashboard', url: ctx.dashboardUrl } } : {}),
      };
    }
    case 'budget':
      return {
        severity: ctx.severity,
        headline: `:moneybag: [${ctx.severity}] ${n.subject}`,
        fields: [],
        sections: [
          {
            title: 'Budget',
            lines: n.text
              .split('\n')
              .filter((l) => l.trim() !== '')
              .slice(0, 8),
          },
        ],
      };
    case 'anomaly':
      return {
        severity: ctx.severity,
        headline: `:money_with_wings: [${ctx.severity}] Cost anomaly: $${n.totalImpactUsd.toFixed(2)} unexpected spend`,
        fields: [
          ['Monitor', n.monitorName],
          ['Services', n.services.join(', ') || 'unknown'],
        ],
        sections: [],
        ...(n.link ? { link: { label: 'Anomaly details', url: n.link } } : {}),
      };
    case 'ops':
      return {
        severity: n.severity ?? ctx.severity,
        headline: `[${n.severity ?? ctx.severity}] ${n.title}`,
        fields: [],
        sections: [{ title: n.source, lines: n.lines }],
      };
  }
}

export function renderSlack(m: ChatMessage): Record<string, unknown> {
  const blocks: Record<string, unknown>[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(m.headline)}*` } },
  ];
  if (m.fields.length > 0) {
    blocks.push({
      type: 'section',
      fields: m.fields
        .slice(0, 10)
        .map(([k, v]) => ({ type: 'mrkdwn', text: `*${escapeMrkdwn(k)}*\n${escapeMrkdwn(v)}` })),
    });
  }
  for (const s of m.sections) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${escapeMrkdwn(s.title)}*\n${escapeMrkdwn(s.lines.join('\n')).slice(0, 2900)}`,
      },
    });
  }
  if (m.link)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `<${m.link.url}|${escapeMrkdwn(m.link.label)}>` }],
    });
  return { text: m.headline, blocks };
}

export function renderJson(m: ChatMessage): Record<string, unknown> {
  return {
    severity: m.severity ?? null,
    headline: m.headline,
    fields: Object.fromEntries(m.fields),
    sections: m.sections,
    link: m.link ?? null,
  };
}

function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}
