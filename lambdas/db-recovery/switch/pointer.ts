/**
 * The switch strategies that repoint the app: an SSM parameter, a secret's `host`, or a CNAME. Each
 * reads before it writes, so a retry after a timeout (the write may have landed) is a no-op.
 */
import { ChangeResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import type { SwitchSettings } from '../../../lib/core/recovery/function-settings';
import { hasErrorName } from '../../shared/errors';
import type { RecoveryDeps } from '../deps';

type PointerSwitch = Exclude<SwitchSettings, { strategy: 'rename' }>;

/** Where the app's endpoint points now; undefined where it cannot be read (a CNAME is not read). */
export async function readPointer(s: SwitchSettings, d: RecoveryDeps): Promise<string | undefined> {
  if (s.strategy === 'parameter') {
    try {
      const out = await d.ssm.send(new GetParameterCommand({ Name: s.parameterName }));
      return out.Parameter?.Value;
    } catch (error) {
      if (hasErrorName(error, 'ParameterNotFound')) return undefined;
      throw error;
    }
  }
  if (s.strategy === 'secret') {
    const out = await d.secrets.send(new GetSecretValueCommand({ SecretId: s.secretId }));
    const host = (JSON.parse(out.SecretString ?? '{}') as { host?: unknown }).host;
    return typeof host === 'string' ? host : undefined;
  }
  return undefined;
}

/** Points the app at `endpoint`; returns what it did. */
export async function repoint(
  s: PointerSwitch,
  endpoint: string,
  incidentId: string,
  d: RecoveryDeps,
): Promise<string> {
  switch (s.strategy) {
    case 'parameter': {
      if ((await readPointer(s, d)) === endpoint)
        return `SSM parameter ${s.parameterName} already ${endpoint}`;
      await d.ssm.send(
        new PutParameterCommand({ Name: s.parameterName, Value: endpoint, Overwrite: true, Type: 'String' }),
      );
      return `SSM parameter ${s.parameterName} now ${endpoint}`;
    }
    case 'secret': {
      const current = await d.secrets.send(new GetSecretValueCommand({ SecretId: s.secretId }));
      const secret = JSON.parse(current.SecretString ?? '{}') as Record<string, unknown>;
      if (secret.host === endpoint) return `secret ${s.secretId} host already ${endpoint}`;
      await d.secrets.send(
        new PutSecretValueCommand({
          SecretId: s.secretId,
          SecretString: JSON.stringify({ ...secret, host: endpoint }),
        }),
      );
      return `secret ${s.secretId} host now ${endpoint}`;
    }
    case 'cname':
      // UPSERT of the same record is itself idempotent.
      await d.route53.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: s.hostedZoneId,
          ChangeBatch: {
            Comment: `ops-stack recovery ${incidentId}`,
            Changes: [
              {
                Action: 'UPSERT',
                ResourceRecordSet: {
                  Name: s.recordName,
                  Type: 'CNAME',
                  TTL: 60,
                  ResourceRecords: [{ Value: endpoint }],
                },
              },
            ],
          },
        }),
      );
      return `CNAME ${s.recordName} now ${endpoint}`;
  }
}
