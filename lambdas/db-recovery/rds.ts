/** RDS reads shared by the steps. */
import { type DBInstance, DescribeDBInstancesCommand, type RDSClient } from '@aws-sdk/client-rds';
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
