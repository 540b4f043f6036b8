import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { queryName } from '../../core/catalog/naming';

export interface LogQueriesProps {
  readonly environment: string;
  readonly logGroupNames: readonly string[];
}

/**
 * Saved Logs Insights queries (free) over the app's JSON logs, named in the runbooks. Field names
 * follow the JSON log contract in the README (Spring Boot structured logging with trace ids).
 */
export const LOG_QUERIES: readonly {
  readonly title: string;
  readonly query: string;
  readonly seed: string;
}[] = [
  {
    title: 'trace a request',
    seed: '002 s1.4',
    query: [
      'fields @timestamp, level, logger, message, traceId, spanId',
      '| filter traceId = "PASTE-TRACE-ID"',
      '| sort @timestamp asc',
      '| limit 500',
    ].join('\n'),
  },
  {
    title: '5xx by route',
    seed: '002 s1.3, 004',
    query: [
      'filter status >= 500',
      '| stats count(*) as errors by method, uri',
      '| sort errors desc',
      '| limit 20',
    ].join('\n'),
  },
  {
    title: 'slow requests',
    seed: '003 s4',
    query: [
      'filter durationMs >= 500',
      '| stats count(*) as slow, pct(durationMs, 95) as p95 by method, uri',
      '| sort slow desc',
      '| limit 20',
    ].join('\n'),
  },
  {
    title: 'errors by type',
    seed: '004 runbooks',
    query: [
      'filter level = "ERROR"',
      '| stats count(*) as errors by logger, exception',
      '| sort errors desc',
      '| limit 20',
    ].join('\n'),
  },
  {
    title: 'db connection timeouts',
    seed: '004 runbook 1',
    query: [
      'filter @message like /Connection is not available|request timed out/',
      '| stats count(*) as timeouts by bin(1m)',
    ].join('\n'),
  },
  {
    title: 'out of memory',
    seed: '001 s1.3',
    query: [
      'filter @message like /OutOfMemoryError|GC overhead limit/',
      '| fields @timestamp, @logStream, @message',
    ].join('\n'),
  },
];

export class LogQueries extends Construct {
  constructor(scope: Construct, id: string, props: LogQueriesProps) {
    super(scope, id);
    if (props.logGroupNames.length === 0) return;
    for (const q of LOG_QUERIES) {
      // The L2 QueryString builder cannot express these statements; the raw query is clearer.
      new logs.CfnQueryDefinition(this, q.title, {
        name: queryName(props.environment, q.title),
        queryString: q.query,
        logGroupNames: [...props.logGroupNames],
      });
    }
  }
}
