/**
 * What the recovery workflow costs in Step Functions: "You are charged for the total number of
 * state transitions across all your state machines, including retries" and "The Step Functions
 * free tier includes 4,000 free state transitions per month" (AWS Step Functions pricing).
 */

/**
 * State transitions one recovery run takes: the largest count `npm run drill -- db-outage` measures
 * over the example environments (example-dev 123, example-prod 100, example-staging 99 on
 * 2026-12-01). test/tools/recovery-cost.test.ts runs the drill for every example and fails when a
 * run takes more, so a workflow change that adds states or polls updates this number.
 */
export const TRANSITIONS_PER_RUN = 123;

/**
 * Recovery runs a month the guard prices: an assumption, one real outage and one rehearsal
 * (`npm run ops -- recovery` dry run) a month. Either runs the same state machine.
 */
export const ASSUMED_RUNS_PER_MONTH = 2;
