/**
 * What started the report: the weekly schedule, or a budget / anomaly notification on one of its
 * own topics. Messages from any other topic, and amounts that are not amounts, are refused before
 * any AWS call.
 */

import { SCHEDULE_EVENT_KIND } from '../../lib/core/contracts/cost-report';
import { classifyMessage } from '../shared/messages';
import { MalformedEventError, parseSnsEvent, type SnsRecord } from '../shared/sns-event';

/** The notification a triggered report answers: its time decides its burst. */
export interface Notice {
  readonly messageId: string;
  /** SNS Timestamp (ISO 8601). */
  readonly at: string;
}

export type CostTrigger =
  | { readonly kind: 'schedule' }
  | ({ readonly kind: 'budget'; readonly subject: string } & Notice)
  | ({ readonly kind: 'anomaly'; readonly impactUsd: number; readonly services: readonly string[] } & Notice)
  | { readonly kind: 'ignored'; readonly reason: string }
  /** Ours, but unusable (a malformed amount): logged as an error, no call made. */
  | { readonly kind: 'refused'; readonly reason: string };

export function parseCostTrigger(event: unknown, ownTopics: readonly string[]): CostTrigger {
  if (
    typeof event === 'object' &&
    event !== null &&
    (event as { kind?: unknown }).kind === SCHEDULE_EVENT_KIND
  ) {
    return { kind: 'schedule' };
  }
  if (typeof event !== 'object' || event === null || !('Records' in event)) {
    throw new MalformedEventError(
      `expected the schedule's {"kind":"${SCHEDULE_EVENT_KIND}"} or an SNS event, got ${JSON.stringify(event)?.slice(0, 120)}`,
    );
  }
  const records = parseSnsEvent(event);
  const ours = records.filter((r) => ownTopics.includes(r.topicArn));
  if (ours.length === 0) {
    return {
      kind: 'ignored',
      reason: `message from a topic that is not the report's (${[...new Set(records.map((r) => r.topicArn))].join(', ')})`,
    };
  }
  // Classify every record before acting on any; an unreadable one of ours is refused, not retried.
  let notes: { record: SnsRecord; note: ReturnType<typeof classifyMessage> }[];
  try {
    notes = ours.map((r) => ({ record: r, note: classifyMessage(r.message, r.subject) }));
  } catch (error) {
    if (error instanceof MalformedEventError) return { kind: 'refused', reason: error.message };
    throw error;
  }
  for (const { record, note } of notes) {
    if (note.kind !== 'anomaly') continue;
    const problem = impactProblem(record);
    if (problem) return { kind: 'refused', reason: `cost anomaly message ${record.messageId}: ${problem}` };
    return {
      kind: 'anomaly',
      impactUsd: note.totalImpactUsd,
      services: note.services,
      messageId: record.messageId,
      at: record.timestamp,
    };
  }
  const budget = notes.find((n) => n.note.kind === 'budget');
  if (budget && budget.note.kind === 'budget') {
    return {
      kind: 'budget',
      subject: budget.note.subject,
      messageId: budget.record.messageId,
      at: budget.record.timestamp,
    };
  }
  return {
    kind: 'ignored',
    reason: `not a cost notification (${notes.map((n) => n.note.kind).join(', ')})`,
  };
}

/**
 * The anomaly's total impact must be a finite, non-negative number of dollars: a missing, textual,
 * infinite (JSON 1e999) or negative one would be reported as "$NaN" or worse.
 */
function impactProblem(record: SnsRecord): string | undefined {
  const impact = (JSON.parse(record.message) as { impact?: { totalImpact?: unknown } }).impact?.totalImpact;
  if (typeof impact !== 'number' || !Number.isFinite(impact)) {
    return `impact.totalImpact must be a finite number of USD, got ${JSON.stringify(impact) ?? 'nothing'}`;
  }
  if (impact < 0) return `impact.totalImpact must not be negative, got ${impact}`;
  return undefined;
}
