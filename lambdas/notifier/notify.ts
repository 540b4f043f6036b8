/** The notifier's work for one SNS event, with every client injected. */
import { type CloudWatchClient, DescribeAlarmHistoryCommand } from '@aws-sdk/client-cloudwatch';
import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import type { RDSClient } from '@aws-sdk/client-rds';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { dashboardUrl } from '../../lib/core/catalog/naming';
import type { NotifierSettings } from '../../lib/core/contracts/notifier';
import { logger } from '../shared/logger';
import { classifyMessage, type Notification } from '../shared/messages';
import { MalformedEventError, type SnsRecord } from '../shared/sns-event';
import { resourceStatus } from './enrichment';
import { judgeFlapping, minutesInAlarm, type StateChange } from './flapping';
import { buildMessage, renderJson, renderSlack } from './format';
import { postJson } from './post';

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
    outcomes.push(await notifyOne(record, severity, notification, settings, deps));
  }
  return outcomes;
}

async function notifyOne(
  record: SnsRecord,
  severity: string,
  notification: Notification,
  settings: NotifierSettings,
  deps: NotifierDeps,
): Promise<Outcome> {
  const targets = settings.targets[severity] ?? [];
  if (targets.length === 0)
    return { messageId: record.messageId, posted: 0, skipped: `no chat target for ${severity}` };

  let context: Parameters<typeof buildMessage>[1] = {
    severity,
    ...(settings.dashboardName
      ? { dashboardUrl: dashboardUrl(settings.region, settings.dashboardName) }
      : {}),
  };
  if (notification.kind === 'alarm') {
    const changedAt = Date.parse(notification.changedAt) || deps.now();
    const history = await stateHistory(
      deps.cloudwatch,
      notification.alarmName,
      changedAt,
      notification.newState,
      deps.now(),
    );
    const flapping = history ? judgeFlapping(history, deps.now(), settings.flapping) : undefined;
    if (flapping?.suppress) {
      logger.info('flapping alarm already announced; not posted', {
        alarm: notification.alarmName,
        changes: flapping.changes,
      });
      return { messageId: record.messageId, posted: 0, skipped: `flapping (${flapping.changes} changes)` };
    }
    const inAlarm =
      history && notification.newState === 'OK' ? minutesInAlarm(history, changedAt) : undefined;
    context = {
      ...context,
      status: await resourceStatus(deps, settings.resources),
      ...(flapping ? { flapping, flappingWindowMinutes: settings.flapping.windowMinutes } : {}),
      ...(inAlarm !== undefined ? { minutesInAlarm: inAlarm } : {}),
    };
  }
  const message = buildMessage(notification, context);
  for (const target of targets) {
    const url = await webhookUrl(deps, target.parameter);
    const body = target.format === 'slack' ? renderSlack(message) : renderJson(message);
    const attempts = await postJson(deps.fetch, url, body, settings.post, deps.sleep);
    logger.info('posted', { messageId: record.messageId, format: target.format, attempts });
  }
  return { messageId: record.messageId, posted: targets.length };
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
    logger.warn('alarm history unavailable; flapping and duration not checked', { alarmName, error });
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
