/** Cache (ElastiCache Redis) signals: memory, hit rate and the hourly capacity notice. */

import { cacheMetric, HOUR, MINUTE, single } from '../metrics';
import { capacity, constant, type SignalDefinition } from './definition';

export const redisMemory: SignalDefinition = {
  id: 'redis-memory-high',
  title: 'Redis memory at or above 80%',
  severity: 'P2',
  seed: '002 s1.3, 003 s4',
  runbook: [
    'Check evictions and the biggest keys (redis-cli --bigkeys); the queue and seat locks must never be evicted.',
    'Shorten cache TTLs (002 s2.1) or flush stale cache keys, never queue keys.',
    'Move to a larger node type (002 s4.4: upgrade at 70% sustained).',
  ],
  dashboard: 'infrastructure',
  comparison: 'GreaterThanOrEqualToThreshold',
  unit: '%',
  evaluationPeriods: 3,
  datapointsToAlarm: 3,
  missingData: 'missing',
  defaultThreshold: constant(80),
  thresholdSource: 'seed 002 s1.3',
  query: (ctx) => single(cacheMetric(ctx, 'DatabaseMemoryUsagePercentage', 'Maximum', MINUTE)),
};

export const redisHitRate: SignalDefinition = {
  id: 'redis-hit-rate-low',
  title: 'Redis cache hit rate below 95%',
  severity: 'P3',
  seed: '003 s3.1',
  runbook: [
    'Check whether a deploy changed cache keys or TTLs (002 s2.1), or the cache was flushed.',
    'Warm the popular-product and event caches; check stampede locks (002 s2.1).',
    'If misses follow evictions, see redis-memory-high.',
  ],
  dashboard: 'infrastructure',
  comparison: 'LessThanThreshold',
  unit: '%',
  evaluationPeriods: 3,
  datapointsToAlarm: 3,
  missingData: 'notBreaching',
  defaultThreshold: constant(95),
  thresholdSource: 'seed 003 s3.1 keep hit rate at 95% or more',
  query: (ctx) => single(cacheMetric(ctx, 'CacheHitRate', 'Average', 5 * MINUTE)),
};

export const capacityRedisMemory = capacity(
  'capacity-redis-memory',
  'Capacity: Redis memory at or above 70% for an hour',
  '002 s4.4',
  (ctx) => single(cacheMetric(ctx, 'DatabaseMemoryUsagePercentage', 'Average', HOUR)),
);
