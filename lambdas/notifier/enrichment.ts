/** Live state of the database and the cache, for the message. Never fails the notification. */
import {
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  type ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { DescribeDBInstancesCommand, type RDSClient } from '@aws-sdk/client-rds';
import type { ResourceIds } from '../../lib/core/contracts/notifier';

export interface ResourceStatus {
  readonly database: string;
  readonly cache: string;
}

export async function resourceStatus(
  clients: { readonly rds: RDSClient; readonly elasticache: ElastiCacheClient },
  ids: ResourceIds,
): Promise<ResourceStatus> {
  const [database, cache] = await Promise.all([
    describe(async () => {
      const out = await clients.rds.send(
        new DescribeDBInstancesCommand({ DBInstanceIdentifier: ids.dbInstanceIdentifier }),
      );
      const db = out.DBInstances?.[0];
      return db ? `${db.DBInstanceStatus ?? 'unknown'}${db.MultiAZ ? ' (Multi-AZ)' : ''}` : 'not found';
    }),
    describe(async () => {
      if (ids.replicationGroupId) {
        const out = await clients.elasticache.send(
          new DescribeReplicationGroupsCommand({ ReplicationGroupId: ids.replicationGroupId }),
        );
        return out.ReplicationGroups?.[0]?.Status ?? 'not found';
      }
      const out = await clients.elasticache.send(
        new DescribeCacheClustersCommand({ CacheClusterId: ids.cacheClusterId }),
      );
      return out.CacheClusters?.[0]?.CacheClusterStatus ?? 'not found';
    }),
  ]);
  return {
    database: `${ids.dbInstanceIdentifier}: ${database}`,
    cache: `${ids.replicationGroupId ?? ids.cacheClusterId}: ${cache}`,
  };
}

async function describe(call: () => Promise<string>): Promise<string> {
  try {
    return await call();
  } catch (error) {
    return `status unavailable (${error instanceof Error ? error.name : 'error'})`;
  }
}
