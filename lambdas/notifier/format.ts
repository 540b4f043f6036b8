/**
 * Builds the chat message (what on-call reads first) from a classified notification. The message
 * holds plain text; `render.ts` escapes and bounds it for each chat format.
 */
import { COMPARISON_SYMBOL, formatValue } from '../../lib/core/catalog/alarm-properties';
import { parseAlarmName } from '../../lib/core/catalog/naming';
import { signalSummary } from '../../lib/core/catalog/resolve';
import type { AlarmNotification, Notification } from '../shared/messages';
import type { ResourceStatus } from './enrichment';
import type { FlappingVerdict } from './flapping';
import type { PostedTransition } from './transition';

export interface ChatSection {
  readonly title: string;
  readonly lines: readonly string[];
}

export interface ChatMessage {
  /** Always the severity of the topic (or alarm) the notification came from, never its body's. */
  readonly severity: string;
  readonly headline: string;
  readonly fields: readonly (readonly [string, string])[];
  readonly sections: readonly ChatSection[];
  readonly link?: { readonly label: string; readonly url: string };
}

/** Another alarm of this environment that is in ALARM now (DescribeAlarms). */
export interface OtherAlarm {
  readonly name: string;
  readonly since?: string;
}

/** The alarm mute rules muting this alarm now (ListAlarmMuteRules, status ACTIVE). */
export interface MuteInfo {
  readonly rules: readonly { readonly name: string; readonly expires?: string }[];
}

export interface AlarmContext {
  /** Severity of the topic the record came on (or, for a state-change event, of the alarm's name). */
  readonly severity: string;
  readonly transition?: PostedTransition;
  readonly dashboardUrl?: string;
  readonly status?: ResourceStatus;
  readonly flapping?: FlappingVerdict;
  readonly flappingWindowMinutes?: number;
  readonly minutesInAlarm?: number;
  /** The environment's other alarms in ALARM, or why they could not be read. */
  readonly othersInAlarm?: readonly OtherAlarm[] | { readonly unavailable: string };
  readonly muted?: MuteInfo;
}

const HEADLINE: Record<PostedTransition, { icon: string; verb: string }> = {
  alarm: { icon: ':red_circle:', verb: 'ALARM' },
  recovered: { icon: ':white_check_mark:', verb: 'recovered' },
  'data-stopped': { icon: ':white_circle:', verb: 'data stopped' },
};

/** How many other alarms are named before "and N more". */
export const OTHER_ALARMS_SHOWN = 20;

export function buildMessage(n: Notification, ctx: AlarmContext): ChatMessage {
  const severity = ctx.severity;
  switch (n.kind) {
    case 'alarm':
      return alarmMessage(n, ctx);
    case 'budget':
      return {
        severity,
        headline: `:moneybag: [${severity}] ${n.subject}`,
        fields: [],
        sections: [{ title: 'Budget', lines: nonEmptyLines(n.text).slice(0, 8) }],
      };
    case 'anomaly':
      return {
        severity,
        headline: `:money_with_wings: [${severity}] Cost anomaly: $${n.totalImpactUsd.toFixed(2)} unexpected spend`,
        fields: [
          ['Monitor', n.monitorName],
          ['Services', n.services.join(', ') || 'unknown'],
        ],
        sections: [],
        ...(n.link ? { link: { label: 'Anomaly details', url: n.link } } : {}),
      };
    case 'ops':
      return {
        severity,
        headline: `[${severity}] ${n.title}`,
        fields: [],
        sections: [{ title: n.source, lines: n.lines }],
      };
  }
}

function alarmMessage(n: AlarmNotification, ctx: AlarmContext): ChatMessage {
  const transition = ctx.transition ?? 'alarm';
  const parsed = parseAlarmName(n.alarmName);
  const summary = parsed ? signalSummary(parsed.signalId) : undefined;
  const title = `${summary?.title ?? n.alarmName}${parsed ? ` (${parsed.environment})` : ''}`;
  const unit = summary?.unit ?? 'count';
  const fields: [string, string][] = [];
  if (n.threshold !== undefined) {
    const symbol = COMPARISON_SYMBOL[n.comparison as keyof typeof COMPARISON_SYMBOL] ?? n.comparison ?? '';
    const current = n.currentValue === undefined ? 'n/a' : formatValue(round(n.currentValue), unit);
    fields.push(['Threshold vs now', `${symbol} ${formatValue(n.threshold, unit)} vs ${current}`.trim()]);
  }
  fields.push(['Since', n.changedAt || 'unknown']);
  if (transition === 'recovered' && ctx.minutesInAlarm !== undefined)
    fields.push(['In alarm for', `${ctx.minutesInAlarm} min`]);
  if (ctx.status) fields.push(['Database', ctx.status.database], ['Cache', ctx.status.cache]);
  if (ctx.flapping?.flapping) {
    fields.push([
      'Flapping',
      `${ctx.flapping.changes} state changes in ${ctx.flappingWindowMinutes ?? '?'} min; further changes are not posted until it settles`,
    ]);
  }
  if (ctx.muted) fields.push(['Muted by', muteText(ctx.muted)]);
  const { icon, verb } = HEADLINE[transition];
  const sections: ChatSection[] = [];
  if (ctx.muted) {
    sections.push({
      title: 'Muted',
      lines: [
        'An alarm mute rule is active: this change paged nobody (e-mail, SMS and HTTPS subscribers were not notified).',
      ],
    });
  }
  if (transition === 'alarm' && summary) {
    sections.push({ title: 'First steps', lines: summary.runbook.map((s, i) => `${i + 1}. ${s}`) });
  }
  if (transition === 'data-stopped') {
    sections.push({
      title: 'Data stopped',
      lines: [
        'The alarm was in ALARM and its metric stopped arriving: that is often the outage itself (a stopped host, exporter or probe).',
      ],
    });
  }
  sections.push({ title: 'Why', lines: [n.reason || 'no reason given'] });
  const others = othersSection(ctx.othersInAlarm);
  if (others) sections.push(others);
  return {
    severity: ctx.severity,
    headline: `${ctx.muted ? ':mute: ' : ''}${icon} [${ctx.severity}] ${verb}${ctx.muted ? ' (muted)' : ''}: ${title}`,
    fields,
    sections,
    ...(ctx.dashboardUrl ? { link: { label: 'Dashboard', url: ctx.dashboardUrl } } : {}),
  };
}

function othersSection(others: AlarmContext['othersInAlarm']): ChatSection | undefined {
  if (others === undefined) return undefined;
  if ('unavailable' in others) {
    return { title: 'Other alarms in ALARM', lines: [`unavailable (${others.unavailable})`] };
  }
  if (others.length === 0) return { title: 'Other alarms in ALARM', lines: ['none'] };
  const lines = others.slice(0, OTHER_ALARMS_SHOWN).map((o) => {
    const parsed = parseAlarmName(o.name);
    const title = parsed ? (signalSummary(parsed.signalId)?.title ?? parsed.signalId) : o.name;
    return `${parsed ? `[${parsed.severity}] ` : ''}${title}${o.since ? ` since ${o.since}` : ''}`;
  });
  const more = others.length - OTHER_ALARMS_SHOWN;
  return {
    title: `Other alarms in ALARM (${others.length})`,
    lines: more > 0 ? [...lines, `and ${more} more`] : lines,
  };
}

function muteText(muted: MuteInfo): string {
  return muted.rules.map((r) => (r.expires ? `${r.name} (rule expires ${r.expires})` : r.name)).join(', ');
}

function nonEmptyLines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}
