/**
 * Every page reaches a person (issue #12): each severity topic that something publishes to needs a
 * human destination, unless the environment declares the severity silent with a reason. SMS counts
 * only where SNS sends SMS from the stack's region.
 */
import type { Subscription } from '../config/schema';
import { SEVERITIES, type Severity } from '../severity/severities';
import { nearestSmsRegion, SMS_REGIONS_SOURCE, sendsSms } from './sms-regions';

export interface ReachabilityInput {
  readonly environment: string;
  readonly region: string;
  readonly subscriptions: Readonly<Record<Severity, readonly Subscription[]>>;
  /** Severities silent on purpose, with the reason. */
  readonly silent: Readonly<Partial<Record<Severity, string>>>;
  /** What publishes to each severity (see `publishersBySeverity`). */
  readonly publishers: Readonly<Record<Severity, readonly string[]>>;
}

export interface PagingProblem {
  /** Dotted config path, e.g. `paging.P0` or `paging.P0.1`. */
  readonly path: string;
  readonly message: string;
}

/** Whether a subscription reaches a person from this region. */
export function reachesPerson(subscription: Subscription, region: string): boolean {
  return subscription.type !== 'sms' || sendsSms(region);
}

export function pagingProblems(input: ReachabilityInput): PagingProblem[] {
  const problems: PagingProblem[] = [];
  for (const severity of SEVERITIES) {
    const subscriptions = input.subscriptions[severity];
    subscriptions.forEach((s, index) => {
      if (s.type === 'sms' && !sendsSms(input.region)) {
        problems.push({ path: `paging.${severity}.${index}`, message: smsMessage(input, severity) });
      }
    });
    const people = subscriptions.filter((s) => reachesPerson(s, input.region));
    const publishers = input.publishers[severity];
    const silentReason = input.silent[severity];
    if (silentReason !== undefined) {
      if (people.length > 0) {
        problems.push({
          path: `paging.silent.${severity}`,
          message: `${input.environment} declares ${severity} silent, but ${severity} has ${people.length} subscription(s) that reach a person; remove the declaration or the subscriptions`,
        });
      }
      continue;
    }
    if (people.length === 0 && publishers.length > 0) {
      problems.push({
        path: `paging.${severity}`,
        message: `${severity} of ${input.environment} reaches nobody, but ${listOf(publishers)} ${publishers.length === 1 ? 'publishes' : 'publish'} to it. Add an email, https, chat or deliverable sms subscription to paging.${severity}, or declare it silent on purpose: paging.silent.${severity}: "<why nobody needs these>"`,
      });
    }
  }
  return problems;
}

function smsMessage(input: ReachabilityInput, severity: Severity): string {
  const nearest = nearestSmsRegion(input.region);
  return [
    `SMS on ${severity} of ${input.environment} is never delivered: Amazon SNS does not send SMS from ${input.region}`,
    `(${SMS_REGIONS_SOURCE.title}, read ${SMS_REGIONS_SOURCE.read}).`,
    'Options: page through an https subscription such as PagerDuty, which can call or text the on-call;',
    `or deploy this environment to a region that sends SMS${nearest ? ` (the nearest is ${nearest})` : ''};`,
    'or remove the sms subscription.',
  ].join(' ');
}

/** "a, b and 3 more" */
function listOf(items: readonly string[]): string {
  const shown = items.slice(0, 4);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length === 1) return shown[0] ?? '';
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}
