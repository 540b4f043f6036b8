/**
 * The signal catalog: every alarm ops-stack can create, defined once, one file per family. Alarms,
 * dashboards, the free-tier count, docs/alarms.md and the replay tool all read these definitions
 * through `resolveCatalog`. Thresholds are the seeds' numbers unless a config key or
 * `thresholds.<id>` overrides them.
 */

import { apiErrorRateFast, apiLatency, burnRateSignals } from './api-slo';
import {
  capacityEc2Cpu,
  couponOverIssue,
  externalApiFailures,
  jvmHeap,
  paymentFailures,
  seatHoldFailures,
  threadPool,
} from './app-runtime';
import { capacityRedisMemory, redisHitRate, redisMemory } from './cache';
import { capacityRdsCpu, dbConnections, dbPoolPending, rdsCpu } from './database';
import type { SignalDefinition } from './definition';
import { kafkaLag } from './kafka';
import { databaseDown, redisDown, serviceDown } from './probe';
import { pagingDeadLetters, queueEntryLatency, queueStalled } from './queue';

export type { NotApplicable, SignalDefinition } from './definition';
export { FREE_PROFILE_ORDER, freeProfileRank } from './free-profile';

/** Every signal, in catalog order (docs and dashboards follow it). */
export const SIGNALS: readonly SignalDefinition[] = [
  serviceDown,
  apiErrorRateFast,
  ...burnRateSignals(),
  queueEntryLatency,
  apiLatency,
  queueStalled,
  rdsCpu,
  dbConnections,
  dbPoolPending,
  databaseDown,
  redisMemory,
  redisHitRate,
  redisDown,
  kafkaLag,
  paymentFailures,
  seatHoldFailures,
  externalApiFailures,
  couponOverIssue,
  pagingDeadLetters,
  jvmHeap,
  threadPool,
  capacityRdsCpu,
  capacityRedisMemory,
  capacityEc2Cpu,
];
