/** What started the report: the weekly schedule, or a budget / anomaly notification on a topic. */

import { SCHEDULE_EVENT_KIND } from '../../lib/core/contracts/cost-report';
import { classifyMessage } from '../shared/messages';
import { MalformedEventError, parseSnsEvent } from '../shared/sns-event';

export type CostTrigger =
  | { readonly kind: 'schedule' }
  | { readonly kind: 'budget'; readonly subject: string }
  | { readonly kind: 'anomaly'; readonly impactUsd: number; readonly services: readonly string[] }
  | { readonly kind: 'ignored'; readonly reason: string };

export function parseCostTrigger(event: unknown): CostTrigger {
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
  // Classify every record before acting on any.
  const notes = parseSnsEvent(event).map((r) => classifyMessage(r.message, r.subject));
  const anomaly = notes.find((n) => n.kind === 'anomaly');
  if (anomaly) return { kind: 'anomaly', impactUsd: anomaly.totalImpactUsd, services: anomaly.services };
  const budget = notes.find((n) => n.kind === 'budget');
  if (budget) return { kind: 'budget', subject: budget.subject };
  return { kind: 'ignored', reason: `not a cost notification (${notes.map((n) => n.kind).join(', ')})` };
}
