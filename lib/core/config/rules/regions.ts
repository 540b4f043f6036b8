/**
 * AWS Regions of the commercial `aws` partition, checked in so a typo such as `ap-northest-2`
 * fails synth instead of deploying nowhere.
 *
 * Source: "AWS Region billing codes" (AWS Global Infrastructure, Regions and Availability Zones),
 * checked 2026-12-01. To update: compare with that page (or `aws account list-regions`), add the
 * new code here, and run `npx vitest run test/core/config`: a test checks every code against the
 * Region list of aws-cdk-lib (`RegionInfo.regions`).
 *
 * GovCloud (`us-gov-*`), China (`cn-*`), the European Sovereign Cloud and isolated partitions are
 * left out on purpose: ops-stack reads `AWS/Billing` metrics and Cost Explorer in us-east-1 of the
 * `aws` partition, which those partitions cannot reach.
 */
import { closest } from './suggest';

export const REGIONS_CHECKED = '2026-12-01';

export const AWS_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
] as const;

const OTHER_PARTITIONS = /^(us-gov-|cn-|eusc-|us-iso|eu-iso)/;

/** Why `code` is not a region ops-stack can deploy to, with the closest known code; undefined if it is. */
export function regionProblem(code: string): string | undefined {
  if ((AWS_REGIONS as readonly string[]).includes(code)) return undefined;
  if (OTHER_PARTITIONS.test(code)) {
    return `${code} is outside the commercial aws partition; ops-stack needs us-east-1 of that partition for billing metrics and Cost Explorer`;
  }
  const suggestion = closest(code, AWS_REGIONS);
  return `unknown AWS region${suggestion ? `; did you mean ${suggestion}?` : ''} (list checked ${REGIONS_CHECKED}, lib/core/config/rules/regions.ts)`;
}
