/**
 * The scenario file format (`scenarios/*.yaml`): metric series for one environment, the incident's
 * onset and detection target, ingestion delays, mute windows, RDS events and expectations about what
 * pages and when, and whether a DB recovery starts.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { SEVERITIES } from '../../severity/severities';

const seriesSchema = z.strictObject({
  values: z.string().min(1).describe('Per-minute values in series notation'),
  samplesFrom: z.string().optional().describe('Series whose value is the sample count each minute'),
  shape: z.enum(['gauge', 'ratio', 'latency']).optional(),
  noise: z.number().min(0).max(1).optional().describe('Relative, deterministic noise'),
  repeat: z.int().min(1).optional().describe('Repeat the whole pattern this many times (a day into a week)'),
});

const minute = z.int().nonnegative();
const window = { from: minute.optional(), to: minute.optional() };

const expectationSchema = z.union([
  z.strictObject({ alarm: z.string(), inAlarmBy: minute }),
  z.strictObject({ alarm: z.string(), neverInAlarm: z.literal(true) }),
  z.strictObject({ alarm: z.string(), clearsBy: minute }).describe('out of ALARM at this minute and after'),
  z.strictObject({ severity: z.enum(SEVERITIES), pagedBy: minute }),
  z.strictObject({ noPages: z.strictObject({ from: minute, to: minute }) }),
  z
    .strictObject({ maxPages: z.int().nonnegative(), ...window })
    .describe('at most this many pages in [from, to]'),
  z.strictObject({ noPagesAtOrAbove: z.enum(SEVERITIES), ...window }),
  z
    .strictObject({ recoveryStarts: z.strictObject({ by: minute }) })
    .describe('the recovery trigger starts a DB recovery at or before this minute'),
  z.strictObject({ noRecovery: z.literal(true) }).describe('no event starts a DB recovery'),
]);

const rdsEventSchema = z.strictObject({
  minute,
  eventId: z.string().regex(/^RDS-EVENT-\d{4}$/, 'expected an RDS event ID such as RDS-EVENT-0031'),
  instance: z.string().optional().describe('Source instance; the environment database when absent'),
});

export const muteSchema = z.strictObject({
  from: minute,
  to: minute,
  alarms: z.array(z.string()).optional().describe('Alarm ids; every alarm when absent'),
  reason: z.string().optional(),
});

export const scenarioSchema = z.strictObject({
  name: z.string(),
  seed: z.string().describe('Where the incident comes from'),
  description: z.string(),
  environment: z.string().describe('config/<environment>.yaml'),
  overrides: z.record(z.string(), z.unknown()).default({}).describe('Top-level config keys to replace'),
  minutes: z.int().positive().max(20_160),
  onset: minute.optional().describe('Minute the incident starts; detection latency is measured from it'),
  target: z
    .strictObject({ minutes: z.number().positive(), seedFigure: z.string() })
    .optional()
    .describe('Detection target and what the seed reports'),
  ingestionDelay: z
    .record(z.string(), z.int().nonnegative())
    .default({})
    .describe('Minutes of ingestion delay by series prefix (app, probe, AWS/...), replacing the defaults'),
  mutes: z.array(muteSchema).default([]).describe('Mute windows: alarms evaluate, actions are muted'),
  rdsEvents: z
    .array(rdsEventSchema)
    .default([])
    .describe('RDS DB instance events the recovery trigger receives (with the database-down alarm changes)'),
  series: z.record(z.string(), seriesSchema),
  expect: z.array(expectationSchema).default([]),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type Expectation = Scenario['expect'][number];

/** A scenario file that cannot be read, in one line naming the file and the field. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}

export function loadScenario(file: string): Scenario {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ScenarioError(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ScenarioError(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
