/**
 * Which AWS errors the recovery workflow retries. Pure: the step function wraps what this calls
 * transient in a `TransientAwsError`, the one error name the state machine's Retry lists; anything
 * else goes to the workflow's catch, which pages P0.
 *
 * Sources: the AWS SDK for JavaScript v3 retry strategy (`@smithy/core` retry: its throttling codes,
 * "TimeoutError", "RequestTimeout", HTTP 500/502/503/504, and the Node.js socket errors), the AWS
 * "Common Errors" of the query APIs ("InternalFailure" 500, "ServiceUnavailable" 503,
 * "ThrottlingException" 400), and each service's own names below. The RDS user guide, "Request
 * throttling for the Amazon RDS API": "retry the request with exponential backoff".
 */

/** Throttling, under each service's own names (API references of each service). */
export const THROTTLING_ERRORS_BY_SERVICE = {
  rds: ['Throttling', 'ThrottlingException', 'RequestLimitExceeded'],
  sns: ['Throttled', 'ThrottledException', 'KMSThrottlingException'],
  ssm: ['ThrottlingException', 'TooManyUpdates'],
  secretsManager: ['ThrottlingException'],
  route53: ['Throttling', 'PriorRequestNotComplete'],
  ecs: ['ThrottlingException'],
  stepFunctions: ['ThrottlingException'],
} as const;

/** 5xx names the services use (their HTTP status is 500 or 503). */
const SERVER_ERRORS = [
  'InternalFailure',
  'InternalError',
  'InternalErrorException',
  'InternalServerError',
  'InternalServiceError',
  'InternalServiceErrorException',
  'ServerException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
];
const TIMEOUTS = ['TimeoutError', 'RequestTimeout', 'RequestTimeoutException'];
/** Node.js socket and DNS errors the SDK surfaces as `code`. */
const NETWORK_CODES = [
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
];

const THROTTLING = new Set<string>(Object.values(THROTTLING_ERRORS_BY_SERVICE).flat());

export type ErrorKind = 'throttling' | 'timeout' | 'network' | 'server' | 'other';

/** How an error from an SDK call should be treated; `other` is never retried. */
export function classifyAwsError(error: unknown): ErrorKind {
  if (!(error instanceof Error)) return 'other';
  const e = error as Error & { code?: unknown; $metadata?: { httpStatusCode?: number } };
  if (THROTTLING.has(e.name)) return 'throttling';
  if (TIMEOUTS.includes(e.name)) return 'timeout';
  if (typeof e.code === 'string' && NETWORK_CODES.includes(e.code)) return 'network';
  const status = e.$metadata?.httpStatusCode;
  if (SERVER_ERRORS.includes(e.name) || (status !== undefined && status >= 500 && status <= 504)) {
    return 'server';
  }
  return 'other';
}

/** The error name the workflow's Retry lists. */
export const TRANSIENT_ERROR_NAME = 'TransientAwsError';

/** A transient AWS failure, keeping the original as `cause` so logs show both. */
export class TransientAwsError extends Error {
  override readonly name = TRANSIENT_ERROR_NAME;
  constructor(
    readonly kind: Exclude<ErrorKind, 'other'>,
    cause: Error,
  ) {
    super(`${kind}: ${cause.name}: ${cause.message}`, { cause });
  }
}

/** Wraps a transient error for the workflow's Retry; returns anything else unchanged. */
export function asRetryable(error: unknown): unknown {
  const kind = classifyAwsError(error);
  return kind === 'other' ? error : new TransientAwsError(kind, error as Error);
}
