/** The notifier's work for one event (SNS records or an alarm state change), with every client injected. */
import { type CloudWatchClient, DescribeAlarmHistoryCommand } from '@aws-sdk/client-cloudwatch';
import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import type { RDSClient } from '@aws-sdk/client-rds';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { dashboardUrl, parseAlarmName } from '../../lib/core/catalog/naming';
import type { NotifierSettings } from '../../lib/core/contracts/notifier';
import { logger } from '../shared/logger';
import { type AlarmNotification, classifyMessage, type Notification } from '../shared/messages';
import { MalformedEventError, type SnsRecord } from '../shared/sns-event';
import { activeMutes, othersInAlarm } from './alarm-state';
import { resourceStatus } from './enrichment';
import { judgeFlapping, minutesInAlarm, type StateChange } from './flapping';
import { type AlarmContext, buildMessage, type MuteInfo } from './format';
import { postJson } from './post';
import { renderJson, renderSlack } from './render';
import { type PostedTransition, postedTransition } from './transition';

export interface NotifierDeps {
  readonly ssm: SSMClient;
  readonly rds: RDSClient;
  readonly elasticache: ElastiCacheClient;
  readonly cloudwatch: CloudWatchClient;
  readonly fetch: typeof globalThis.fetch;
  readonly now: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Webhook URLs by parameter name, kept for the life of the function instance. */
  readonly webhookCache: Map<string, string>;
}

export interface Outcome {
  readonly messageId: string;
  readonly posted: number;
  readonly skipped?: string;
}

export async function notify(
  records: readonly SnsRecord[],
  settings: NotifierSettings,
  deps: NotifierDeps,
): Promise<Outcome[]> {
  // Classify everything first: a malformed record fails the whole event before any call.
  const severityOf = new Map(Object.entries(settings.topicArns).map(([severity, arn]) => [arn, severity]));
  const work = records.map((record) => {
    const severity = severityOf.get(record.topicArn);
    if (!severity)
      throw new MalformedEventError(
        `record ${record.messageId}: topic ${record.topicArn} is not a paging topic of this environment`,
      );
    return { record, severity, notification: classifyMessage(record.message, record.subject) };
  });
  const outcomes: Outcome[] = [];
  for (const { record, severity, notification } of work) {
    const id = record.messageId;
    if (notification.kind !== 'alarm') {
      outcomes.push(await post(id, severity, notification, baseContext(severity, settings), settings, deps));
      continue;
    }
    const transition = postedTransition(notification.oldState, notification.newState);
    if (transition === undefined || transition === 'data-stopped') {
      // INSUFFICIENT_DATA has no alarm action; its changes come as state-change events.
      outcomes.push({ messageId: id, posted: 0, skipped: skipReason(notification, transition) });
      continue;
    }
    outcomes.push(await notifyAlarm(id, severity, notification, transition, undefined, settings, deps));
  }
  return outcomes;
}

/**
 * An alarm state-change event. Posted only when SNS did not carry it: the alarm is muted by an
 * alarm mute rule (its actions, and so its topic message, are muted), or the change is
 * ALARM → INSUFFICIENT_DATA (no alarm action exists for it). Everything else already came by SNS.
 */
export async function notifyStateChange(
  n: AlarmNotification,
  settings: NotifierSettings,
  deps: NotifierDeps,
): Promise<Outcome> {
  const id = `${n.alarmName}@${n.changedAt}`;
  const parsed = parseAlarmName(n.alarmName);
  if (!n.alarmName.startsWith(settings.alarmNamePrefix) || !parsed)
    return { messageId: id, posted: 0, skipped: 'not an alarm of this environment' };
  const transition = postedTransition(n.oldState, n.newState);
  if (transition === undefined) return { messageId: id, posted: 0, skipped: skipReason(n, transition) };
  // Alarm names are written by ops-stack (naming.ts), and only AWS sends `aws.cloudwatch` events.
  const severity = parsed.severity;
  if ((settings.targets[severity] ?? []).length === 0)
    return { messageId: id, posted: 0, skipped: `no chat target for ${severity}` };
  // Whether SNS carried it depends on the mute state: not knowing it fails the event (dead-letter
  // queue). A data-stopped change is posted either way, so there it is only a note.
  const muted =
    transition === 'data-stopped'
      ? await activeMutes(deps.cloudwatch, n.alarmName).catch((error: unknown) => {
          logger.warn('mute rules unavailable; posting without the mute note', { error: error as Error });
          return undefined;
        })
      : await activeMutes(deps.cloudwatch, n.alarmName);
  if (!muted && transition !== 'data-stopped')
    return { messageId: id, posted: 0, skipped: 'not muted: posted from its topic' };
  return notifyAlarm(id, severity, n, transition, muted, settings, deps);
}

function skipReason(n: AlarmNotification, transition: PostedTransition | undefined): string {
  return transition === 'data-stopped'
    ? 'INSUFFICIENT_DATA is posted from the state-change event'
    : `${n.oldState} → ${n.newState} is not posted`;
}

function baseContext(severity: string, settings: NotifierSettings): AlarmContext {
  return {
    severity,
    ...(settings.dashboardName
      ? { dashboardUrl: dashboardUrl(settings.region, settings.dashboardName) }
      : {}),
  };
}

async function notifyAlarm(
  messageId: string,
  severity: string,
  n: AlarmNotification,
  transition: PostedTransition,
  muted: MuteInfo | undefined,
  settings: NotifierSettings,
  deps: NotifierDeps,
): Promise<Outcome> {
  if ((settings.targets[severity] ?? []).length === 0)
    return { messageId, posted: 0, skipped: `no chat target for ${severity}` };
  const changedAt = Date.parse(n.changedAt) || deps.now();
  const history = await stateHistory(deps.cloudwatch, n.alarmName, changedAt, n.newState, deps.now());
  const flapping = history ? judgeFlapping(history, deps.now(), settings.flapping) : undefined;
  if (flapping?.suppress) {
    logger.info('flapping alarm already announced; not posted', {
      alarm: n.alarmName,
      changes: flapping.changes,
    });
    return { messageId, posted: 0, skipped: `flapping (${flapping.changes} changes)` };
  }
  const inAlarm = history && transition === 'recovered' ? minutesInAlarm(history, changedAt) : undefined;
  const [status, others] = await Promise.all([
    resourceStatus(deps, settings.resources),
    othersInAlarm(deps.cloudwatch, settings.alarmNamePrefix, n.alarmName),
  ]);
  const context: AlarmContext = {
    ...baseContext(severity, settings),
    transition,
    status,
    othersInAlarm: others,
    ...(muted ? { muted } : {}),
    ...(flapping ? { flapping, flappingWindowMinutes: settings.flapping.windowMinutes } : {}),
    ...(inAlarm !== undefined ? { minutesInAlarm: inAlarm } : {}),
  };
  return post(messageId, severity, n, context, settings, deps);
}

async function post(
  messageId: string,
  severity: string,
  notification: Notification,
  context: AlarmContext,
  settings: NotifierSettings,
  deps: NotifierDeps,
): Promise<Outcome> {
  const targets = settings.targets[severity] ?? [];
  if (targets.length === 0) return { messageId, posted: 0, skipped: `no chat target for ${severity}` };
  const message = buildMessage(notification, context);
  for (const target of targets) {
    const url = await webhookUrl(deps, target.parameter);
    const body = target.format === 'slack' ? renderSlack(message) : renderJson(message);
    const attempts = await postJson(deps.fetch, url, body, settings.post, deps.sleep);
    logger.info('posted', { messageId, format: target.format, attempts });
  }
  return { messageId, posted: targets.length };
}

/** The alarm's state changes of the last day; undefined when the history cannot be read. */
async function stateHistory(
  cloudwatch: CloudWatchClient,
  alarmName: string,
  changedAt: number,
  newState: string,
  now: number,
): Promise<StateChange[] | undefined> {
  try {
    const out = await cloudwatch.send(
      new DescribeAlarmHistoryCommand({
        AlarmName: alarmName,
        HistoryItemType: 'StateUpdate',
        StartDate: new Date(now - 24 * 3600_000),
        EndDate: new Date(now),
        MaxRecords: 100,
        ScanBy: 'TimestampDescending',
      }),
    );
    const changes: StateChange[] = (out.AlarmHistoryItems ?? []).flatMap((item) => {
      try {
        const data = JSON.parse(item.HistoryData ?? '{}') as { newState?: { stateValue?: string } };
        const at = item.Timestamp?.getTime();
        return at !== undefined && data.newState?.stateValue
          ? [{ at, newState: data.newState.stateValue }]
          : [];
      } catch {
        return [];
      }
    });
    // History is eventually consistent: make sure this change is in it.
    if (!changes.some((c) => Math.abs(c.at - changedAt) < 1000 && c.newState === newState)) {
      changes.push({ at: changedAt, newState });
    }
    return changes;
  } catch (error) {
    logger.warn('alarm history unavailable; flapping and duration not checked', {
      alarmName,
      error: error as Error,
    });
    return undefined;
  }
}

async function webhookUrl(deps: NotifierDeps, parameter: string): Promise<string> {
  const cached = deps.webhookCache.get(parameter);
  if (cached) return cached;
  const out = await deps.ssm.send(new GetParameterCommand({ Name: parameter, WithDecryption: true }));
  const url = out.Parameter?.Value;
  if (!url || !/^https?:\/\//.test(url)) {
    throw new Error(`SSM parameter ${parameter} must hold the webhook URL (http or https)`);
  }
  deps.webhookCache.set(parameter, url);
  return url;
}
