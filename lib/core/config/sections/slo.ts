/** `slo`: service level objectives (seed 002 s4.1). */
import { z } from 'zod';

export const sloSection = z
  .strictObject({
    availability: z
      .number()
      .min(90)
      .max(99.99)
      .default(99.5)
      .describe('Availability objective in percent (seed 002 s4.1; 99.9 after Multi-AZ). @default - 99.5'),
    queueEntryLatencyMs: z
      .number()
      .positive()
      .default(100)
      .describe('P95 queue-entry latency objective (seed 002 s4.1). @default - 100'),
    readLatencyMs: z
      .number()
      .positive()
      .default(50)
      .describe('P95 read latency objective (seed 002 s4.1). @default - 50'),
    admissionsPerHour: z
      .int()
      .positive()
      .default(36_000)
      .describe('Queue admission throughput objective (seed 002 s4.1). @default - 36000'),
    redisAvailability: z
      .number()
      .min(90)
      .max(99.99)
      .default(99.9)
      .describe('Redis availability objective (seed 002 s4.1). @default - 99.9'),
    precise: z
      .boolean()
      .default(false)
      .describe(
        'Add the 5 m / 30 m short windows and a composite alarm to the burn-rate pages ($0.50/month per composite). @default - false',
      ),
    minRequestsPerMinute: z
      .int()
      .min(0)
      .default(20)
      .describe(
        'Minimum-traffic guard of the fast error-rate alarm: below this many requests a minute the minute does not count. 0 turns the guard off and saves one alarm metric. @default - 20',
      ),
  })
  .prefault({})
  .describe('Service level objectives. @default - the seed 002 s4.1 objectives');
