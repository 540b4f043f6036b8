import { describe, expect, it } from 'vitest';
import { failureReport } from '../../../lib/core/recovery/failure-report';
import { newIncident } from '../../../lib/core/recovery/incident';

const incident = newIncident('db', '2026-11-22T10:00:00Z', 'alarm', '2026-11-22T10:01:00Z');
const restore = { targetId: 'db-r-2026112210', startedAt: '2026-11-22T10:02:00Z', existing: false };
const full = {
  incident,
  assessment: { verdict: 'restore', state: 'failed', reason: 'r', checkedAt: '2026-11-22T10:01:30Z' },
  plan: { method: 'pitr-instance', restorePoint: '2026-11-22T09:56:00Z', targetId: 'db-r-2026112210' },
  approval: { approved: true, by: 'kim', at: '2026-11-22T10:01:40Z' },
  restore,
  target: { status: 'available', ready: true, timedOut: false, pendingReboot: false },
  modified: { at: '2026-11-22T10:30:00Z', modified: true, rebooted: false },
  switched: { done: false, phase: 'waiting: x', at: '2026-11-22T10:31:00Z' },
  failedState: 'SwitchEndpoint',
  failure: { Error: 'SwitchTimedOutError' },
};

const cases: Record<string, unknown> = {
  secretCreating: {
    environment: 'staging',
    state: {
      incident,
      restore,
      failedState: 'DescribeTarget',
      failure: { Error: 'AccessDenied', Cause: 'no' },
    },
    switch: { strategy: 'secret', secretId: 'app/db' },
    instances: [
      { id: 'db', status: 'failed' },
      { id: 'db-r-2026112210', status: 'creating' },
    ],
  },
  cname: {
    environment: 'staging',
    state: { incident, restore, failedState: 'SwitchEndpoint', failure: { Error: 'AccessDenied' } },
    switch: { strategy: 'cname', hostedZoneId: 'Z1', recordName: 'db.example.com' },
    instances: [
      { id: 'db', status: 'failed' },
      { id: 'db-r-2026112210', status: 'available', endpoint: 'r.example', ours: true },
    ],
  },
  renameFull: {
    environment: 'dev',
    state: full,
    switch: { strategy: 'rename' },
    instances: [
      { id: 'db', status: 'failed' },
      { id: 'db-r-2026112210', status: 'available', ours: true },
      { id: 'db-failed-2026112210', status: 'missing' },
    ],
  },
  renameOurs: {
    environment: 'dev',
    state: { ...full },
    switch: { strategy: 'rename' },
    instances: [
      { id: 'db', status: 'renaming', ours: true },
      { id: 'db-r-2026112210', status: 'missing' },
      { id: 'db-failed-2026112210', status: 'failed' },
    ],
  },
  renameTargetCreating: {
    environment: 'dev',
    state: { incident, restore, failedState: 'SwitchEndpoint', failure: { Error: 'E' } },
    switch: { strategy: 'rename' },
    instances: [
      { id: 'db', status: 'missing' },
      { id: 'db-r-2026112210', status: 'creating', ours: true },
      { id: 'db-failed-2026112210', status: 'failed' },
    ],
  },
  renameSourceThere: {
    environment: 'dev',
    state: { incident, restore, failedState: 'SwitchEndpoint', failure: { Error: 'E' } },
    switch: { strategy: 'rename' },
    instances: [
      { id: 'db', status: 'failed' },
      { id: 'db-r-2026112210', status: 'available', ours: true },
      { id: 'db-failed-2026112210', status: 'failed' },
    ],
  },
  switchedNoRestart: {
    environment: 'prod',
    state: {
      incident,
      restore,
      switched: { done: true, phase: 'p', at: '2026-11-22T10:31:00Z' },
      failedState: 'Verify',
      failure: { Error: 'E' },
    },
    switch: { strategy: 'parameter', parameterName: '/p' },
    instances: [],
  },
  noFailure: {
    environment: 'prod',
    state: { incident },
    switch: { strategy: 'parameter', parameterName: '/p' },
    instances: [],
  },
};

// Every line of the page for each situation: what was done, the state left, the exact next step.
const expected: Record<string, { title: string; lines: string[] }> = {
  secretCreating: {
    title: 'DB recovery of db failed at DescribeTarget (AccessDenied): act now',
    lines: [
      'Incident db-2026112210 (alarm at 2026-11-22T10:01:00Z); failure at 2026-11-22T10:00:00Z.',
      'Failed at DescribeTarget: AccessDenied: no',
      'Done: restore started 2026-11-22T10:02:00Z',
      'Instances now: db: failed | db-r-2026112210: creating',
      'App endpoint: secret app/db host = unreadable',
      'Next 1: wait until db-r-2026112210 is available (it is creating), then: set "host" to <endpoint of the target> in secret app/db (aws secretsmanager put-secret-value --secret-id app/db --secret-string \'<the JSON with the new host>\')',
      'Next 2: or rerun: npm run ops -- recovery start --env staging --failure-time 2026-11-22T10:00:00Z --yes (continues with db-r-2026112210)',
      'Next 3: restart the app so it reconnects',
      'Nothing was deleted.',
    ],
  },
  cname: {
    title: 'DB recovery of db failed at SwitchEndpoint (AccessDenied): act now',
    lines: [
      'Incident db-2026112210 (alarm at 2026-11-22T10:01:00Z); failure at 2026-11-22T10:00:00Z.',
      'Failed at SwitchEndpoint: AccessDenied',
      'Done: restore started 2026-11-22T10:02:00Z',
      'Instances now: db: failed | db-r-2026112210: available (r.example), restored by this incident',
      'App endpoint: CNAME db.example.com (zone Z1) unchanged by the workflow',
      'Next 1: point the app at the restored instance: aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch \'{"Changes":[{"Action":"UPSERT","ResourceRecordSet":{"Name":"db.example.com","Type":"CNAME","TTL":60,"ResourceRecords":[{"Value":"r.example"}]}}]}\'',
      'Next 2: or rerun: npm run ops -- recovery start --env staging --failure-time 2026-11-22T10:00:00Z --yes (continues with db-r-2026112210)',
      'Next 3: restart the app so it reconnects',
      'Nothing was deleted.',
    ],
  },
  renameFull: {
    title: 'DB recovery of db failed at SwitchEndpoint (SwitchTimedOutError): act now',
    lines: [
      'Incident db-2026112210 (alarm at 2026-11-22T10:01:00Z); failure at 2026-11-22T10:00:00Z.',
      'Failed at SwitchEndpoint: SwitchTimedOutError',
      'Done: assessed failed (restore); planned pitr-instance to 2026-11-22T09:56:00Z into db-r-2026112210; approved by kim; restore started 2026-11-22T10:02:00Z; target available; settings applied; switch: waiting: x',
      'Instances now: db: failed | db-r-2026112210: available, restored by this incident | db-failed-2026112210: missing',
      'App endpoint: the app connects to db, which is failed',
      'Next 1: db-r-2026112210 is available: move the failed source away (aws rds modify-db-instance --db-instance-identifier db --new-db-instance-identifier db-failed-2026112210 --apply-immediately), then aws rds modify-db-instance --db-instance-identifier db-r-2026112210 --new-db-instance-identifier db --apply-immediately',
      'Next 2: or rerun: npm run ops -- recovery start --env dev --failure-time 2026-11-22T10:00:00Z --yes (continues with db-r-2026112210)',
      'Nothing was deleted.',
    ],
  },
  renameOurs: {
    title: 'DB recovery of db failed at SwitchEndpoint (SwitchTimedOutError): act now',
    lines: [
      'Incident db-2026112210 (alarm at 2026-11-22T10:01:00Z); failure at 2026-11-22T10:00:00Z.',
      'Failed at SwitchEndpoint: SwitchTimedOutError',
      'Done: assessed failed (restore); planned pitr-instance to 2026-11-22T09:56:00Z into db-r-2026112210; approved by kim; restore started 2026-11-22T10:02:00Z; target available; settings applied; switch: waiting: x',
      'Instances now: db: renaming, restored by this incident | db-r-2026112210: missing | db-failed-2026112210: failed',
      'App endpoint: the app connects to db, which is renaming',
      'Next 1: db is the restored instance; wait until it is available',
      'Next 2: restart the app so it reconnects',
      'Nothing was deleted.',
    ],
  },
  renameTargetCreating: {
    title: 'DB recovery of db failed at SwitchEndpoint (E): act now',
    lines: [
      'Incident db-2026112210 (alarm at 2026-11-22T10:01:00Z); failure at 2026-11-22T10:00:00Z.',
      'Failed at SwitchEndpoint: E',
      'Done: restore started 2026-11-22T10:02:00Z',
      'Instances now: db: missing | db-r-2026112210: creating, restored by this incident | db-failed-2026112210: failed',
      'App endpoint: the app connects to db, which is missing',
      'Next 1: wait until db-r-2026112210 is available (it is creating), then: aws rds modify-db-instance --db-instance-identifier db-r-2026112210 --new-db-instance-identifier db --apply-immediately',
      'Next 2: restart the app so it reconnects',
      'Nothing was deleted.',
    ],
  },
  renameSourceThere: {
    title: 'DB recovery of db failed at SwitchEndpoint (E): act now',
    lines: [
      'Incident db-2026112210 (alarm at 2026-11-22T10:01:00Z); failure at 2026-11-22T10:00:00Z.',
      'Failed at SwitchEndpoint: E',
      'Done: restore started 2026-11-22T10:02:00Z',
      'Instances now: db: failed | db-r-2026112210: available, restored by this incident | db-failed-2026112210: failed',
      'App endpoint: the app connects to db, which is failed',
      'Next 1: db-r-2026112210 is available: move the failed source away (aws rds modify-db-instance --db-instance-identifier db --new-db-instance-identifier db-failed-2026112210 --apply-immediately), then aws rds modify-db-instance --db-instance-identifier db-r-2026112210 --new-db-instance-identifier db --apply-immediately',
      'Next 2: or rerun: npm run ops -- recovery start --env dev --failure-time 2026-11-22T10:00:00Z --yes (continues with db-r-2026112210)',
      'Next 3: db-failed-2026112210 already exists (failed)',
      'Nothing was deleted.',
    ],
  },
  switchedNoRestart: {
    title: 'DB recovery of db failed at Verify (E): act now',
    lines: [
      'Incident db-2026112210 (alarm at 2026-11-22T10:01:00Z); failure at 2026-11-22T10:00:00Z.',
      'Failed at Verify: E',
      'Done: restore started 2026-11-22T10:02:00Z; switch: p',
      'Instances now: db: not checked | db-r-2026112210: not checked',
      'App endpoint: SSM parameter /p = unreadable',
      'Next 1: the app already points at db-r-2026112210: restart the app so it reconnects',
      'Next 2: then check it serves',
      'Nothing was deleted.',
    ],
  },
  noFailure: {
    title: 'DB recovery of db failed at an unknown state (unknown error): act now',
    lines: [
      'Incident db-2026112210 (alarm at 2026-11-22T10:01:00Z); failure at 2026-11-22T10:00:00Z.',
      'Failed at an unknown state: unknown error',
      'Done: nothing changed yet',
      'Instances now: db: not checked | db-r-2026112210: not checked',
      'App endpoint: SSM parameter /p = unreadable',
      'Next 1: fix the cause above (nothing was restored or switched)',
      'Next 2: then rerun: npm run ops -- recovery start --env prod --failure-time 2026-11-22T10:00:00Z --yes (restores into db-r-2026112210), or restore by hand from the plan above',
      'Nothing was deleted.',
    ],
  },
};

describe('the failure page, line by line, per strategy and situation', () => {
  it.each(Object.keys(expected))('%s', (name) => {
    expect(failureReport(cases[name] as never)).toEqual(expected[name]);
  });
});
