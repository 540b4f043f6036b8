/**
 * The source instance's settings, captured at deploy and daily into an SSM parameter because a
 * restore carries none of them over. One schema: the capture writes it, planning parses it back.
 */
import { z } from 'zod';

const tag = z.object({ Key: z.string(), Value: z.string() });

export const sourceSettingsSchema = z.object({
  instance: z.string().min(1),
  /** DbiResourceId: what the source's retained automated backups and snapshots carry. */
  resourceId: z.string().min(1).optional(),
  engine: z.string().min(1),
  engineVersion: z.string().optional(),
  instanceClass: z.string().min(1),
  subnetGroup: z.string().optional(),
  securityGroupIds: z.array(z.string()),
  parameterGroup: z.string().optional(),
  optionGroup: z.string().optional(),
  multiAz: z.boolean(),
  storageType: z.string().optional(),
  allocatedStorage: z.number().optional(),
  iops: z.number().optional(),
  storageThroughput: z.number().optional(),
  kmsKeyId: z.string().optional(),
  deletionProtection: z.boolean(),
  monitoringInterval: z.number().optional(),
  monitoringRoleArn: z.string().optional(),
  performanceInsights: z.boolean(),
  performanceInsightsRetentionDays: z.number().optional(),
  port: z.number().optional(),
  publiclyAccessible: z.boolean(),
  backupRetentionPeriod: z.number().optional(),
  copyTagsToSnapshot: z.boolean(),
  cloudwatchLogsExports: z.array(z.string()),
  tags: z.array(tag),
  capturedAt: z.string(),
});
export type SourceSettings = z.infer<typeof sourceSettingsSchema>;

/**
 * The stack writes `{}` until the first capture has run: that is "no capture yet", not an error. Any
 * other document that does not parse is refused with the fields that are wrong.
 */
export function parseCapturedSettings(value: unknown): SourceSettings | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 0) return undefined;
  const parsed = sourceSettingsSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`captured settings are invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}
