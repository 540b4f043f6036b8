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
});
