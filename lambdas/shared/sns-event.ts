/** Strict parsing of the SNS event a function receives: a bad record fails before any call. */
import { z } from 'zod';

export class MalformedEventError extends Error {
  override readonly name = 'MalformedEventError';
}

const text = z.string({ error: 'expected a non-empty string' }).min(1, 'expected a non-empty string');

/** The Lambda event SNS delivers (one record per message in practice, but a list by contract). */
export const snsEventSchema = z.object(
  {
    Records: z
      .array(
        z.object(
          {
            EventSource: z.literal('aws:sns', { error: 'expected "aws:sns"' }),
            Sns: z.object(
              {
                TopicArn: text,
                MessageId: text,
                Message: text,
                Timestamp: text,
                Subject: z.string().nullish(),
              },
              { error: 'expected an object' },
            ),
          },
          { error: 'expected an object' },
        ),
        { error: 'expected a non-empty array of SNS records' },
      )
      .min(1, 'expected a non-empty array of SNS records'),
  },
  { error: 'expected an object with "Records"' },
);

export interface SnsRecord {
  readonly topicArn: string;
  readonly messageId: string;
  readonly subject?: string;
  readonly message: string;
  readonly timestamp: string;
}

export function parseSnsEvent(event: unknown): SnsRecord[] {
  const records = parseOrThrow(snsEventSchema, event, 'event').Records;
  return records.map(({ Sns }) => ({
    topicArn: Sns.TopicArn,
    messageId: Sns.MessageId,
    message: Sns.Message,
    timestamp: Sns.Timestamp,
    ...(typeof Sns.Subject === 'string' ? { subject: Sns.Subject } : {}),
  }));
}

/**
 * Parses with a schema; the first problem becomes a one-line MalformedEventError naming where it is
 * (`event.Records[0].Sns.TopicArn`, `alarm message NewStateValue`).
 */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, root: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? [])
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
  const at = path === '' ? root : /\s/.test(root) ? `${root} ${path}` : `${root}.${path}`;
  throw new MalformedEventError(`${at}: ${issue?.message ?? 'invalid'}`);
}
