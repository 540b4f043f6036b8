/** Strict parsing of the SNS event the notifier receives: a bad record fails before any call. */
export interface SnsRecord {
  readonly topicArn: string;
  readonly messageId: string;
  readonly subject?: string;
  readonly message: string;
  readonly timestamp: string;
}

export class MalformedEventError extends Error {
  override readonly name = 'MalformedEventError';
}

export function parseSnsEvent(event: unknown): SnsRecord[] {
  const records = field(event, 'Records', 'event');
  if (!Array.isArray(records) || records.length === 0) {
    throw new MalformedEventError('event.Records: expected a non-empty array of SNS records');
  }
  return records.map((record, i) => {
    const at = `event.Records[${i}]`;
    if (field(record, 'EventSource', at) !== 'aws:sns') {
      throw new MalformedEventError(`${at}.EventSource: expected "aws:sns"`);
    }
    const sns = field(record, 'Sns', at);
    const text = (key: string) => {
      const value = field(sns, key, `${at}.Sns`);
      if (typeof value !== 'string' || value === '') {
        throw new MalformedEventError(`${at}.Sns.${key}: expected a non-empty string`);
      }
      return value;
    };
    const subject = field(sns, 'Subject', `${at}.Sns`);
    return {
      topicArn: text('TopicArn'),
      messageId: text('MessageId'),
      message: text('Message'),
      timestamp: text('Timestamp'),
      ...(typeof subject === 'string' ? { subject } : {}),
    };
  });
}

function field(value: unknown, key: string, at: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedEventError(`${at}: expected an object with "${key}"`);
  }
  return (value as Record<string, unknown>)[key];
}
