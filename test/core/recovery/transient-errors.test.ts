import { describe, expect, it } from 'vitest';
import {
  asRetryable,
  classifyAwsError,
  THROTTLING_ERRORS_BY_SERVICE,
  TRANSIENT_ERROR_NAME,
} from '../../../lib/core/recovery/transient-errors';

const error = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(name), { name, ...extra });

describe('which AWS errors the recovery retries', () => {
  // The fault run: these names were not retried and 28 runs failed with nobody paged.
  it.each([
    ['SNS', 'ThrottledException'],
    ['Route 53', 'PriorRequestNotComplete'],
    ['RDS', 'Throttling'],
    ['SSM', 'TooManyUpdates'],
  ])("throttling under %s's own name (%s)", (_, name) => {
    expect(classifyAwsError(error(name))).toBe('throttling');
  });

  it('every service the steps call has its throttling names', () => {
    expect(Object.keys(THROTTLING_ERRORS_BY_SERVICE).sort()).toEqual(
      ['ecs', 'rds', 'route53', 'secretsManager', 'sns', 'ssm', 'stepFunctions'].sort(),
    );
  });

  it('timeouts, socket errors and 5xx (the SDK retry strategy: HTTP 500, 502, 503, 504)', () => {
    expect(classifyAwsError(error('TimeoutError'))).toBe('timeout');
    expect(classifyAwsError(error('RequestTimeout'))).toBe('timeout');
    expect(classifyAwsError(error('Error', { code: 'ETIMEDOUT' }))).toBe('network');
    expect(classifyAwsError(error('Error', { code: 'EAI_AGAIN' }))).toBe('network');
    expect(classifyAwsError(error('InternalFailure'))).toBe('server');
    expect(classifyAwsError(error('ServiceUnavailable'))).toBe('server');
    for (const status of [500, 502, 503, 504]) {
      expect(classifyAwsError(error('Whatever', { $metadata: { httpStatusCode: status } }))).toBe('server');
    }
    expect(classifyAwsError(error('Whatever', { $metadata: { httpStatusCode: 505 } }))).toBe('other');
  });

  it('never retries what a retry cannot fix: access denied, bad input, our own refusals', () => {
    for (const name of [
      'AccessDenied',
      'AccessDeniedException',
      'InvalidParameterValue',
      'ValidationError',
      'ForeignStepError',
    ]) {
      expect(classifyAwsError(error(name, { $metadata: { httpStatusCode: 400 } }))).toBe('other');
    }
    expect(classifyAwsError('a string')).toBe('other');
  });

  it('wraps the transient ones under the one name the state machine retries, keeping the original', () => {
    const original = error('Throttling');
    const wrapped = asRetryable(original) as Error;
    expect(wrapped).toMatchObject({ name: TRANSIENT_ERROR_NAME, kind: 'throttling', cause: original });
    expect(wrapped.message).toBe('throttling: Throttling: Throttling');
    const denied = error('AccessDenied');
    expect(asRetryable(denied)).toBe(denied);
  });

  // Every name, one by one: a name dropped from the classifier would stop a retry.
  it.each([
    ['rds', ['Throttling', 'ThrottlingException', 'RequestLimitExceeded']],
    ['sns', ['Throttled', 'ThrottledException', 'KMSThrottlingException']],
    ['ssm', ['ThrottlingException', 'TooManyUpdates']],
    ['secretsManager', ['ThrottlingException']],
    ['route53', ['Throttling', 'PriorRequestNotComplete']],
    ['ecs', ['ThrottlingException']],
    ['stepFunctions', ['ThrottlingException']],
  ])('%s throttling names', (service, names) => {
    expect(THROTTLING_ERRORS_BY_SERVICE[service as keyof typeof THROTTLING_ERRORS_BY_SERVICE]).toEqual(names);
    for (const name of names) expect(classifyAwsError(error(name)), name).toBe('throttling');
  });

  it.each([
    'InternalFailure',
    'InternalError',
    'InternalErrorException',
    'InternalServerError',
    'InternalServiceError',
    'InternalServiceErrorException',
    'ServerException',
    'ServiceUnavailable',
    'ServiceUnavailableException',
  ])('%s is a server error even without an HTTP status', (name) => {
    expect(classifyAwsError(error(name))).toBe('server');
  });

  it.each(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException'])('%s is a timeout', (name) => {
    expect(classifyAwsError(error(name))).toBe('timeout');
  });

  it.each([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENOTFOUND',
    'EAI_AGAIN',
  ])('socket error %s is a network error', (code) => {
    expect(classifyAwsError(error('Error', { code }))).toBe('network');
    expect(classifyAwsError(error('Error', { code: 'EOTHER' }))).toBe('other');
  });

  it('only Error objects are classified: a plain object with a throttling name is not retried', () => {
    expect(classifyAwsError({ name: 'Throttling', message: 'x' })).toBe('other');
  });
});
