import { describe, expect, it } from 'vitest';
import { assessInstance } from '../../../lib/core/recovery/assess';

// DB instance statuses from the RDS user guide, "Viewing Amazon RDS DB instance status".
describe('what an instance state means for recovery', () => {
  it.each([
    'rebooting',
    'maintenance',
    'modifying',
    'upgrading',
    'backing-up',
    'renaming',
    'stopping',
    'starting',
    'configuring-enhanced-monitoring',
    'configuring-iam-database-auth',
    'configuring-log-exports',
    'converting-to-vpc',
    'moving-to-vpc',
    'resetting-master-credentials',
    'storage-optimization',
  ])('%s is transient: wait before deciding', (state) => {
    expect(assessInstance(state)).toEqual({
      verdict: 'wait',
      state,
      reason: `${state} is transient; waiting before deciding`,
    });
  });

  it.each([
    ['storage-full', /increase AllocatedStorage/],
    ['incompatible-parameters', /parameter group is incompatible/],
    ['incompatible-network', /subnet group or network is broken/],
    ['inaccessible-encryption-credentials', /KMS key is disabled/],
    ['inaccessible-encryption-credentials-recoverable', /within 7 days/],
    ['stopped', /start-db-instance/],
    ['insufficient-capacity', /another class or AZ/],
  ])('%s needs a fix a restore would not bring', (state, reason) => {
    const a = assessInstance(state);
    expect(a).toMatchObject({ verdict: 'fix', state });
    expect(a.reason).toMatch(reason);
  });

  it.each(['failed', 'incompatible-restore', 'restore-error', 'deleting'])(
    '%s is restored from backups',
    (state) => {
      expect(assessInstance(state)).toEqual({
        verdict: 'restore',
        state,
        reason: `${state}: RDS recommends a point-in-time restore`,
      });
    },
  );

  it('a deleted instance (not found) is restored from its retained backups; available is healthy', () => {
    expect(assessInstance(undefined)).toEqual({
      verdict: 'restore',
      state: 'not found',
      reason: 'the instance is gone; restore from its retained backups',
    });
    expect(assessInstance('available')).toEqual({
      verdict: 'healthy',
      state: 'available',
      reason: 'the instance is available',
    });
  });

  it('an unknown state is checked by a person, never restored blindly', () => {
    expect(assessInstance('some-new-state')).toEqual({
      verdict: 'fix',
      state: 'some-new-state',
      reason: 'unknown state "some-new-state": check the instance by hand before restoring',
    });
  });
});
