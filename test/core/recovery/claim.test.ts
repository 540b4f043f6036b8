import { describe, expect, it } from 'vitest';
import {
  claimExecution,
  type ExecutionSummary,
  HOLD_AFTER_FAILED_RECOVERY_HOURS,
  recoveryNumber,
} from '../../../lib/core/recovery/claim';
import { newIncident } from '../../../lib/core/recovery/incident';

const db = 'ticketing-prod-db';
const now = new Date('2026-11-22T12:00:00Z');
const rds = (failure: string) => newIncident(db, failure, 'RDS-EVENT-0031', '2026-11-22T11:59:00Z');
const manual = (failure: string) => newIncident(db, failure, 'manual', '2026-11-22T11:59:00Z');
const ended = (n: number, status: ExecutionSummary['status'], stop: string): ExecutionSummary => ({
  name: `${db}-recovery-${n}`,
  status,
  startDate: '2026-11-22T09:00:00Z',
  stopDate: stop,
});

describe('one outage, one restore: the execution claim', () => {
  it('claims the next number whatever the hour of the failure, so both sides of an hour share one name', () => {
    const before = claimExecution(rds('2026-11-22T10:59:50Z'), [], now);
    const after = claimExecution(
      newIncident(db, '2026-11-22T11:01:10Z', 'alarm', '2026-11-22T11:01:30Z'),
      [],
      now,
    );
    expect(before).toEqual({ start: true, executionName: `${db}-recovery-1` });
    expect(after).toEqual(before);
  });

  it('starts nothing while a recovery of the instance runs, whoever asks', () => {
    const running: ExecutionSummary = {
      name: `${db}-recovery-4`,
      status: 'RUNNING',
      startDate: '2026-11-22T11:00:00Z',
    };
    for (const incident of [rds('2026-11-22T11:50:00Z'), manual('2026-11-22T11:50:00Z')]) {
      expect(claimExecution(incident, [running], now)).toEqual({
        start: false,
        executionName: `${db}-recovery-4`,
        reason: `recovery ${db}-recovery-4 of ${db} is running (started 2026-11-22T11:00:00Z)`,
      });
    }
  });

  it('refuses an automatic trigger for a failure from before the last recovery ended (a redelivery)', () => {
    const last = ended(2, 'SUCCEEDED', '2026-11-22T11:40:00Z');
    expect(claimExecution(rds('2026-11-22T11:00:00Z'), [last], now)).toMatchObject({ start: false });
    expect(claimExecution(rds('2026-11-22T11:40:00Z'), [last], now)).toMatchObject({ start: false });
    expect(claimExecution(rds('2026-11-22T11:40:01Z'), [last], now)).toEqual({
      start: true,
      executionName: `${db}-recovery-3`,
    });
  });

  it(`holds automatic triggers for ${HOLD_AFTER_FAILED_RECOVERY_HOURS} h after a failed recovery; a person may start one`, () => {
    for (const status of ['FAILED', 'TIMED_OUT', 'ABORTED'] as const) {
      const last = ended(7, status, '2026-11-22T11:00:00Z');
      expect(claimExecution(rds('2026-11-22T11:30:00Z'), [last], now)).toMatchObject({
        start: false,
        reason: expect.stringContaining('only a person starts another'),
      });
      expect(claimExecution(manual('2026-11-22T10:00:00Z'), [last], now)).toEqual({
        start: true,
        executionName: `${db}-recovery-8`,
      });
    }
    const later = new Date(
      Date.parse('2026-11-22T11:00:00Z') + HOLD_AFTER_FAILED_RECOVERY_HOURS * 3600_000 + 1,
    );
    expect(
      claimExecution(rds(later.toISOString()), [ended(7, 'FAILED', '2026-11-22T11:00:00Z')], later),
    ).toMatchObject({
      start: true,
    });
  });

  it('numbers by the highest recovery of this instance only; other names and instances do not count', () => {
    const executions: ExecutionSummary[] = [
      ended(3, 'SUCCEEDED', '2026-11-20T00:00:00Z'),
      ended(11, 'SUCCEEDED', '2026-11-21T00:00:00Z'),
      { name: `${db}-2-recovery-99`, status: 'RUNNING', startDate: '2026-11-22T11:00:00Z' },
      { name: `plan-${db}-20261122T110000`, status: 'RUNNING', startDate: '2026-11-22T11:00:00Z' },
    ];
    expect(claimExecution(rds('2026-11-22T11:50:00Z'), executions, now)).toEqual({
      start: true,
      executionName: `${db}-recovery-12`,
    });
    expect(recoveryNumber(db, `${db}-recovery-12`)).toBe(12);
    expect(recoveryNumber(db, `${db}-2-recovery-99`)).toBeUndefined();
  });

  it('gives dry runs their own name: they never mutate, so they never wait for a claim', () => {
    const running: ExecutionSummary = {
      name: `${db}-recovery-1`,
      status: 'RUNNING',
      startDate: '2026-11-22T11:00:00Z',
    };
    const plan = newIncident(db, '2026-11-22T11:00:00Z', 'manual', '2026-11-22T11:59:00Z', 'plan');
    expect(claimExecution(plan, [running], now)).toEqual({
      start: true,
      executionName: `plan-${db}-20261122T120000`,
    });
  });
});
