/** `cache`: the ElastiCache cluster the service uses. */
import { z } from 'zod';

export const cacheSection = z.strictObject({
  clusterId: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9-]{0,49}$/, { error: 'expected an ElastiCache cache cluster id' })
    .describe('Cache cluster (node group member) id, the CacheClusterId dimension.'),
  replicationGroupId: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9-]{0,39}$/, { error: 'expected an ElastiCache replication group id' })
    .optional()
    .describe('Replication group, for status lookups. @default - the cluster is described on its own'),
});
