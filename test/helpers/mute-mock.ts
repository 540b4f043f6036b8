/** The CloudWatch mock the mute tests start from: mute rules are created and deleted without error. */
import {
  CloudWatchClient,
  DeleteAlarmMuteRuleCommand,
  PutAlarmMuteRuleCommand,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';

export const cw = mockClient(CloudWatchClient);

/** Forgets every call and stub, then answers PutAlarmMuteRule and DeleteAlarmMuteRule with success. */
export function resetMuteMock(): void {
  cw.reset();
  cw.on(PutAlarmMuteRuleCommand).resolves({});
  cw.on(DeleteAlarmMuteRuleCommand).resolves({});
}
