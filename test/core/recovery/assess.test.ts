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
    [
      'storage-full',
      'Storage is full: increase AllocatedStorage with ModifyDBInstance; a restore would fill up too.',
    ],
    [
      'incompatible-parameters',
      'The parameter group is incompatible: fix or reset the parameter group and reboot; a restore would inherit it.',
    ],
    [
      'incompatible-network',
      'The subnet group or network is broken: fix the subnet group or ENIs; the restore needs the same network.',
    ],
    [
      'inaccessible-encryption-credentials',
      'The KMS key is disabled or its grant was revoked: re-enable the key; the data and backups are encrypted with it.',
    ],
    [
      'inaccessible-encryption-credentials-recoverable',
      'The KMS key is inaccessible but recoverable: re-enable the key within 7 days and start the instance.',
    ],
    ['stopped', 'The instance was stopped by someone: start it (aws rds start-db-instance).'],
    [
      'insufficient-capacity',
      'No capacity for the instance class in this AZ: modify to another class or AZ.',
    ],
  ])('%s needs a fix a restore would not bring', (state, reason) => {
    expect(assessInstance(state)).toEqual({ verdict: 'fix', state, reason });
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
