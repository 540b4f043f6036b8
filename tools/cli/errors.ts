/**
 * Turns any error a CLI meets into one line saying what to do, and an exit code: 2 for user errors
 * (bad arguments, unknown environment, invalid config), 1 for everything else. Never a stack trace
 * unless OPS_DEBUG=1. AWS SDK errors are recognised by `name`: the SDK's classes live in several
 * packages and versions, so `instanceof` is not reliable.
 */

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Names the AWS SDK gives errors meaning "no usable credentials" (client-side or from the service). */
const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'TokenProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);

/** Names for "the credentials work but may not do this". */
const PERMISSION_ERRORS = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);

/** Network failures: Node's error codes on the error or its cause. */
const NETWORK_CODES = new Set(['ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN']);

export const CREDENTIALS_HINT =
  'no usable AWS credentials: configure the default credential chain (e.g. `aws configure`, `aws sso login` or AWS_PROFILE=NAME) and run the command again';

export interface Explained {
  readonly line: string;
  readonly exitCode: 1 | 2;
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? '';
}

function nameOf(error: unknown): string {
  return error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)
    ? String((error as { name: unknown }).name)
    : '';
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  return typeof code === 'string' ? code : cause === undefined ? undefined : codeOf(cause);
}

/** Whether an error means "no usable credentials". */
export function isCredentialsError(error: unknown): boolean {
  return CREDENTIAL_ERRORS.has(nameOf(error));
}

export function explainError(error: unknown): Explained {
  const name = nameOf(error);
  const message = error instanceof Error ? error.message : String(error);
  // ConfigError lists every problem, one a line: that list is the useful output, so it stays whole.
  if (name === 'ConfigError') return { line: message, exitCode: 2 };
  if (name.endsWith('UsageError')) return { line: firstLine(message), exitCode: 2 };
  if (isCredentialsError(error)) return { line: CREDENTIALS_HINT, exitCode: 1 };
  if (PERMISSION_ERRORS.has(name))
    return {
      line: `AWS denied the call (${name}): the credentials lack a permission. ${firstLine(message)}`,
      exitCode: 1,
    };
  const code = codeOf(error);
  if (code && NETWORK_CODES.has(code))
    return { line: `cannot reach AWS (${code}): check the network and the region`, exitCode: 1 };
  return {
    line: `${name || 'error'}: ${firstLine(message)} (OPS_DEBUG=1 prints the stack)`,
    exitCode: 1,
  };
}

/**
 * Runs a CLI's main function: its returned number is the exit code; a thrown error is printed as
 * one line on stderr.
 */
export function runMain(main: () => Promise<number>): void {
  // package.json supports Node >= 20; the pinned SDK's notice about its future Node 22 releases
  // (aws/aws-sdk-js-v3#7983, whose documented switch this is) would otherwise stand before the one
  // line a CLI prints. A user's own setting wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const { line, exitCode } = explainError(error);
      process.stderr.write(`${line}\n`);
      if (process.env.OPS_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      process.exitCode = exitCode;
    },
  );
}
