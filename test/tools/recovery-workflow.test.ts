import { describe, expect, it } from 'vitest';
import { INCIDENT_TAG } from '../../lib/core/recovery/incident';
import type { OpsStack } from '../../lib/stacks/ops-stack';
import { dbOutageDrill } from '../../tools/drill/scenario';
import { configFrom, synthStacks } from '../helpers/synth';

const stackOf = (env: string, overrides: Record<string, unknown> = {}) =>
  synthStacks([configFrom(env, overrides)]).stacks[0] as OpsStack;
const dev = stackOf('example-dev');
const prod = stackOf('example-prod');
const mutating = (calls: { name: string }[]) =>
  calls.filter((c) => /^(Restore|Modify|Reboot|Delete)/.test(c.name)).map((c) => c.name);

describe('recovery workflow, run locally from the synthesized definition', () => {
  it('happy path (dev, rename): one point-in-time restore, switched, reported; nothing deleted', async () => {
    const d = await dbOutageDrill(dev);
    expect(d.run.status).toBe('succeeded');
    expect(d.rds.restoreCalls()).toBe(1);
    expect(d.rds.calls.some((c) => c.name.startsWith('Delete'))).toBe(false);
    const report = d.aws.published().at(-1);
    expect(report?.title).toMatch(
      /^Database restored: ticketing-dev-db serves traffic \(RTO \d+ min, RPO 4 min\)$/,
    );
    expect(d.rds.instances.get('ticketing-dev-db-failed-2026112210')?.status).toBe('failed');
    expect(d.run.transitions).toBeLessThan(200);
  });

  it('a transient blip: the instance comes back within the grace period, no restore', async () => {
    const d = await dbOutageDrill(dev, {
      sourceState: 'rebooting',
      beforeRun: (rds, clock) => {
        const db = rds.instances.get('ticketing-dev-db');
        if (db) db.schedule = [[clock.now().getTime() + 2 * 60_000, 'available']];
      },
    });
    expect(d.run.status).toBe('succeeded');
    expect(mutating(d.rds.calls)).toEqual([]);
    expect(d.aws.published().map((p) => p.title)).toEqual([
      'ticketing-dev-db recovered by itself; no restore',
    ]);
  });

  it('a transient state that outlasts the grace period pages instead of restoring', async () => {
    const d = await dbOutageDrill(dev, { sourceState: 'modifying' });
    expect(d.run.status).toBe('failed');
    expect(d.run.error).toMatch(/NeedsFix/);
    expect(mutating(d.rds.calls)).toEqual([]);
  });

  it('a state that needs a fix (storage-full) pages with guidance and does not restore', async () => {
    const d = await dbOutageDrill(dev, { sourceState: 'storage-full' });
    expect(d.run.error).toMatch(/NeedsFix/);
    expect(d.aws.published()[0]?.lines.join('\n')).toContain('increase AllocatedStorage');
    expect(d.aws.published()[0]?.lines.join('\n')).toContain('Recent RDS events: ');
    expect(mutating(d.rds.calls)).toEqual([]);
  });

  it('no backups at all: a clear page, nothing half-done', async () => {
    const d = await dbOutageDrill(dev, { sourceState: undefined, backups: 'none' });
    expect(d.run.status).toBe('failed');
    expect(d.run.error).toMatch(/NoBackups/);
    expect(d.aws.published()[0]?.title).toBe('ticketing-dev-db cannot be restored: no backup found');
    expect(mutating(d.rds.calls)).toEqual([]);
  });

  it('a deleted instance (RDS-EVENT-0003) restores from its retained automated backups', async () => {
    const d = await dbOutageDrill(stackOf('example-staging'), {
      sourceState: undefined,
      backups: 'retained',
    });
    expect(d.run.status).toBe('succeeded');
    const restore = d.rds.calls.find((c) => c.name === 'RestoreDBInstanceToPointInTime');
    expect(restore?.input.SourceDBInstanceAutomatedBackupsArn).toMatch(/auto-backup/);
    expect(d.aws.calls.some((c) => c.name === 'ChangeResourceRecordSets')).toBe(true);
  });

  it('DBInstanceAlreadyExists on a retry continues with the existing target', async () => {
    const d = await dbOutageDrill(dev, {
      beforeRun: (rds, clock) => {
        // An earlier attempt of this incident already started the restore.
        rds.addInstance('ticketing-dev-db-r-2026112210', 'creating', {});
        const target = rds.instances.get('ticketing-dev-db-r-2026112210');
        if (target) {
          target.schedule = [[clock.now().getTime() + 15 * 60_000, 'available']];
          target.tags.push({ Key: INCIDENT_TAG, Value: 'ticketing-dev-db-2026112210' });
        }
      },
    });
    expect(d.run.status).toBe('succeeded');
    expect(d.aws.published().at(-1)?.lines.join('\n')).toContain(
      'restore started (continued an existing target)',
    );
  });

  it("an existing target without this incident's tag is not adopted: paged, no restore, no switch", async () => {
    const d = await dbOutageDrill(dev, {
      beforeRun: (rds) => rds.addInstance('ticketing-dev-db-r-2026112210', 'available', {}),
    });
    expect(d.run.status).toBe('failed');
    expect(d.rds.restoreCalls()).toBe(0);
    expect(d.rds.calls.filter((c) => c.name === 'ModifyDBInstance')).toEqual([]);
    const page = d.aws.published().find((p) => p.topic.endsWith('P0'));
    expect(page?.title).toBe(
      'DB recovery of ticketing-dev-db failed at Restore (ForeignTargetError): act now',
    );
    expect(page?.lines.join('\n')).toContain(
      'does not carry the tag of incident ticketing-dev-db-2026112210',
    );
  });

  it('throttling injected into each SDK call is retried, and still one restore', async () => {
    const d = await dbOutageDrill(dev, {
      beforeRun: (rds) => {
        for (const c of [
          'DescribeDBInstances',
          'DescribeDBSnapshots',
          'RestoreDBInstanceToPointInTime',
          'ModifyDBInstance',
        ])
          rds.throttleNext.add(c);
      },
    });
    expect(d.run.status).toBe('succeeded');
    expect(d.rds.calls.filter((c) => c.name === 'RestoreDBInstanceToPointInTime')).toHaveLength(2);
    expect(
      [...d.rds.instances.keys()].filter((k) => k.includes('-r-') || k === 'ticketing-dev-db'),
    ).toHaveLength(1);
  });

  it('prod waits for approval: the P0 page carries the plan and the exact commands', async () => {
    const d = await dbOutageDrill(prod, { approval: { approved: true, afterMinutes: 7 } });
    expect(d.run.status).toBe('succeeded');
    const ask = d.aws.published()[0];
    expect(ask?.topic).toMatch(/P0$/);
    expect(ask?.lines.join('\n')).toContain(
      'npm run ops -- recovery approve --env example-prod --token local-task-token',
    );
    expect(
      d.aws.calls.find((c) => c.name === 'PutParameter' && c.input.Name === '/ticketing/prod/db/host'),
    ).toBeDefined();
    expect(d.aws.calls.some((c) => c.name === 'UpdateService')).toBe(true);
  });

  it('approval timeout aborts and pages; a denial stops; neither restores', async () => {
    const timeout = await dbOutageDrill(prod, {
      approval: { approved: false, afterMinutes: 30, timeout: true },
    });
    expect(timeout.run.error).toMatch(/ApprovalTimedOut/);
    expect(timeout.aws.published().at(-1)?.title).toBe(
      'No approval for the restore of ticketing-prod-db: aborted',
    );
    const denied = await dbOutageDrill(prod, { approval: { approved: false, afterMinutes: 3 } });
    expect(denied.run.error).toMatch(/Denied/);
    expect(mutating([...timeout.rds.calls, ...denied.rds.calls])).toEqual([]);
  });

  it('dry run (mode plan) assesses and plans with no mutating call', async () => {
    const d = await dbOutageDrill(prod, { mode: 'plan' });
    expect(d.run.status).toBe('succeeded');
    expect(mutating(d.rds.calls)).toEqual([]);
    expect(d.aws.calls.filter((c) => c.name === 'PutParameter')).toEqual([]);
    expect(d.aws.published().map((p) => p.title)).toEqual([
      'Recovery plan for ticketing-prod-db (dry run, nothing changed)',
    ]);
  });
});
