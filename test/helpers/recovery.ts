/** A source instance's settings with nothing optional set: what a bare RDS instance captures. */
import type { SourceSettings } from '../../lib/core/recovery/plan';

export function bareSettings(instance: string, overrides: Partial<SourceSettings> = {}): SourceSettings {
  return {
    instance,
    engine: 'mysql',
    instanceClass: 'db.t3.medium',
    securityGroupIds: [],
    multiAz: false,
    deletionProtection: true,
    performanceInsights: false,
    publiclyAccessible: false,
    copyTagsToSnapshot: true,
    cloudwatchLogsExports: [],
    tags: [],
    capturedAt: '2026-11-22T03:00:00Z',
    ...overrides,
  };
}
