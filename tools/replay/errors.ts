/**
 * AWS failures of a backtest as one line saying what to do, instead of a stack trace.
 * `undefined` for anything that is not an AWS or CloudWatch-read failure (a bug: let it throw).
 */
export const NO_CREDENTIALS =
  'no AWS credentials found: set AWS_PROFILE (after `aws configure` or `aws sso login`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an instance or task role is available; the backtest needs cloudwatch:GetMetricData';

export function awsErrorLine(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const name = error.name;
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(error.message)) {
    return NO_CREDENTIALS;
  }
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException') {
    return 'the AWS credentials have expired: refresh them (e.g. `aws sso login`) and run again';
  }
  if (['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch'].includes(name)) {
    return `AWS rejected the credentials (${name}): check AWS_PROFILE or the access key`;
  }
  if (name === 'AccessDenied' || name === 'AccessDeniedException') {
    return `not allowed to read metrics: grant cloudwatch:GetMetricData (${firstLine(error.message)})`;
  }
  if (name === 'Throttling' || name === 'ThrottlingException') {
    return 'CloudWatch throttled GetMetricData: wait a minute and run again';
  }
  if ('$metadata' in error || error.message.startsWith('GetMetricData')) {
    return `CloudWatch ${name === 'Error' ? '' : `${name}: `}${firstLine(error.message)}`;
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
