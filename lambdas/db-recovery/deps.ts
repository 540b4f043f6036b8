import type { ECSClient } from '@aws-sdk/client-ecs';
import type { RDSClient } from '@aws-sdk/client-rds';
import type { Route53Client } from '@aws-sdk/client-route-53';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SSMClient } from '@aws-sdk/client-ssm';

/** The recovery steps' SDK clients, injected so tests and the drill run the real code offline. */
export interface RecoveryDeps {
  readonly rds: RDSClient;
  readonly ssm: SSMClient;
  readonly sns: SNSClient;
  readonly secrets: SecretsManagerClient;
  readonly route53: Route53Client;
  readonly ecs: ECSClient;
  /** DNS lookup of an endpoint; injected so tests need no network. */
  readonly resolve: (host: string) => Promise<string>;
  readonly now: () => Date;
}
