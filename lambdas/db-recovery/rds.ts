/** RDS reads shared by the steps. */
import {
  type DBInstance,
  DescribeDBInstancesCommand,
  ModifyDBInstanceCommand,
  type RDSClient,
} from '@aws-sdk/client-rds';
import type { ObservedInstance } from '../../lib/core/recovery/failure-report';
import { INCIDENT_TAG } from '../../lib/core/recovery/incident';
import { hasErrorName } from '../shared/errors';

export async function describeInstance(rds: RDSClient, id: string): Promise<DBInstance | undefined> {
  try {
    const out = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
    return out.DBInstances?.[0];
  } catch (error) {
    if (hasErrorName(error, 'DBInstanceNotFoundFault')) return undefined;
    throw error;
  }
}

/** The workflow tags what it restores with the incident id; only such an instance is "ours". */
export function isOurs(db: DBInstance | undefined, incidentId: string): boolean {
  return (db?.TagList ?? []).some((t) => t.Key === INCIDENT_TAG && t.Value === incidentId);
}

/** What the rename order and the failure page need to know of one identifier. */
export async function observeInstance(
  rds: RDSClient,
  id: string,
  incidentId: string,
): Promise<ObservedInstance> {
  const db = await describeInstance(rds, id);
  if (!db) return { id, status: 'missing' };
  return {
    id,
    status: db.DBInstanceStatus ?? 'unknown',
    ...(db.Endpoint?.Address ? { endpoint: db.Endpoint.Address } : {}),
    ours: isOurs(db, incidentId),
  };
}

/** Renames an instance at once (RDS keeps its data, endpoint name follows the identifier). */
export function renameInstance(rds: RDSClient, from: string, to: string) {
  return rds.send(
    new ModifyDBInstanceCommand({
      DBInstanceIdentifier: from,
      NewDBInstanceIdentifier: to,
      ApplyImmediately: true,
    }),
  );
}
