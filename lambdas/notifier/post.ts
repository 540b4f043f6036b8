import type { PostPolicy } from '../../lib/core/contracts/notifier';
/** POSTs JSON to a webhook with a deadline per attempt and exponential backoff between attempts. */
import { hasErrorName } from '../shared/errors';
export class WebhookError extends Error {
  override readonly name = 'WebhookError';
}

export async function postJson(
  fetchImpl: typeof globalThis.fetch,
  url: string,
  body: unknown,
  policy: PostPolicy,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<number> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      await response.arrayBuffer();
      if (response.ok) return attempt;
      failures.push(`HTTP ${response.status}`);
      // A 4xx other than throttling will not get better by retrying.
      if (response.status < 500 && response.status !== 429) break;
    } catch (error) {
      failures.push(
        hasErrorName(error, 'TimeoutError') ? `timeout after ${policy.timeoutMs} ms` : String(error),
      );
    }
    if (attempt < policy.attempts) await sleep(policy.backoffMs * 2 ** (attempt - 1));
  }
  throw new WebhookError(`webhook POST failed after ${failures.length} attempt(s): ${failures.join('; ')}`);
}
