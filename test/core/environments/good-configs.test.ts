/** Configs that must load: the examples, the edges of every rule, and documented choices. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { billingFamilyOf } from '../../../lib/core/config/billing-family';
import { RENAMED_SOURCE_ROOM, RESTORE_TARGET_ROOM } from '../../../lib/core/environments/checks';
import { loadEnvironments } from '../../../lib/core/environments/load';
import { UNIT_RANGES } from '../../../lib/core/environments/thresholds';
import { renamedSourceId, restoreTargetId, restoreTargetPattern } from '../../../lib/core/recovery/incident';
import { CONFIG_DIR } from '../../helpers/synth';
import { neighbour, prod, type Raw, text } from './config-table';

function load(files: Record<string, Raw>, env: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ops-good-'));
  for (const [file, raw] of Object.entries(files)) writeFileSync(join(dir, file), text(raw));
  return loadEnvironments(dir, env);
}

const id = (n: number) => `t${'a'.repeat(n - 1)}`;

describe('valid configs load', () => {
  it('every example, each selected alone too', () => {
    for (const env of ['example-dev', 'example-prod', 'example-staging']) {
      expect(loadEnvironments(CONFIG_DIR, env).map((c) => c.name)).toEqual([env]);
    }
  });

  it.each([
    ['cron(0 0 L * ? *)'],
    ['cron(0 9 15W * ? *)'],
    ['cron(0 9 ? * 6L *)'],
    ['cron(0 9 ? * TUE#2 *)'],
    ['cron(0/15 9-17 ? * MON-FRI *)'],
    ['rate(1 day)'],
    ['at(2027-01-04T09:00:00)'],
  ])('report schedule %s', (expression) => {
    expect(load({ 't.yaml': prod({ 'budget.reportSchedule': expression }) }, 't')).toHaveLength(1);
  });

  it('thresholds just inside their unit ranges', () => {
    const thresholds = {
      'api-error-rate-fast': 100,
      'redis-hit-rate-low': 100,
      'api-latency-p95': 1,
      'coupon-over-issue': 0,
      'queue-admission-stalled': 1,
      'service-down': 4,
    };
    expect(load({ 't.yaml': prod({ thresholds }) }, 't')[0]?.thresholds).toEqual(thresholds);
  });

  it('RDS ids at the longest the recovery names allow, and 63 without recovery', () => {
    expect(
      load({ 't.yaml': prod({ 'database.instanceIdentifier': id(RESTORE_TARGET_ROOM) }) }, 't'),
    ).toHaveLength(1);
    expect(
      load(
        {
          't.yaml': prod({
            'database.instanceIdentifier': id(RENAMED_SOURCE_ROOM),
            'recovery.switch': { strategy: 'rename' },
          }),
        },
        't',
      ),
    ).toHaveLength(1);
    expect(
      load({ 't.yaml': prod({ 'database.instanceIdentifier': id(63), recovery: undefined }) }, 't'),
    ).toHaveLength(1);
  });

  it('free and standard in one account when every file accepts the mix', () => {
    const files = {
      'a.yaml': prod({ 'freeTier.mixedProfiles': true }),
      'b.yaml': neighbour({ profile: 'standard', 'freeTier.mixedProfiles': true }),
    };
    expect(load(files, 'a').map((c) => c.name)).toEqual(['a']);
  });

  it('two accounts of one organization within the shared allowance, with their family', () => {
    const shares = {
      'freeTier.alarmMetricShare': 5,
      'freeTier.customMetricShare': 5,
      'freeTier.dashboardShare': 1,
    };
    const files = {
      'a.yaml': prod({
        ...shares,
        'billing.payerAccount': '999999999999',
        'billing.billingGroup': 'ticketing',
      }),
      'b.yaml': neighbour({ ...shares, account: '333333333333', 'billing.payerAccount': '999999999999' }),
    };
    const [a, b] = load(files, 'a,b');
    expect(a && billingFamilyOf(a)).toEqual({
      id: 'org:999999999999',
      label: 'organization of payer 999999999999',
      billingGroup: 'ticketing',
    });
    expect(b && billingFamilyOf(b).id).toBe('org:999999999999');
  });

  it('accounts that pay their own bill are families of their own', () => {
    const [a] = load({ 'a.yaml': prod(), 'b.yaml': neighbour({ account: '333333333333' }) }, 'a');
    expect(a && billingFamilyOf(a)).toEqual({ id: 'account:222222222222', label: 'account 222222222222' });
  });

  it('two accounts, each with its own payer: each account names one payer', () => {
    const loaded = load(
      {
        'a.yaml': prod({ 'billing.payerAccount': '999999999999' }),
        'b.yaml': neighbour({ account: '333333333333', 'billing.payerAccount': '888888888888' }),
      },
      'a,b',
    );
    expect(loaded.map((c) => billingFamilyOf(c).id)).toEqual(['org:999999999999', 'org:888888888888']);
  });

  it('standard environments sharing an account need no mixedProfiles: nothing there is promised free', () => {
    const loaded = load(
      { 'a.yaml': prod({ profile: 'standard' }), 'b.yaml': neighbour({ profile: 'standard' }) },
      'a,b',
    );
    expect(loaded.map((c) => c.profile)).toEqual(['standard', 'standard']);
  });
});

describe('rules that mirror other modules', () => {
  // lib/core/recovery/incident.ts names the targets; the config limits must be exactly where
  // those names stop fitting RDS's 63 characters (the names are never shortened, so they always
  // match the IAM patterns `<id>-r-??????????` and `<id>-failed-??????????`).
  it('the restore-target room is the longest id whose target keeps the whole id', () => {
    const at = '2026-12-01T20:00:00Z';
    for (let n = 1; n <= 63; n++) {
      const instance = id(n);
      const target = restoreTargetId(instance, at);
      const fits = target.startsWith(`${instance}-r-`) && target.length <= 63;
      expect(fits, `length ${n}`).toBe(n <= RESTORE_TARGET_ROOM);
      expect(restoreTargetPattern(instance)).toBe(`${instance}-r-??????????`);
      expect(renamedSourceId(instance, at).length <= 63, `length ${n}`).toBe(n <= RENAMED_SOURCE_ROOM);
    }
  });

  it('has a range for every display unit', () => {
    expect(Object.keys(UNIT_RANGES).sort()).toEqual(['%', 'count', 'flag', 'ms', 'state']);
    expect(UNIT_RANGES['%']).toMatchObject({ low: 0, high: 100 });
  });
});
