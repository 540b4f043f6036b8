import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { type OpsMessage, RECOVERY_MESSAGE_SOURCE } from '../../lib/core/contracts/notifier';

/** Publishes in the shape the notifier parses (opsMessageSchema). */
export async function publish(sns: SNSClient, topic: string, title: string, lines: readonly string[]) {
  const message: OpsMessage = { source: RECOVERY_MESSAGE_SOURCE, title, lines: [...lines] };
  await sns.send(new PublishCommand({ TopicArn: topic, Message: JSON.stringify(message) }));
}
