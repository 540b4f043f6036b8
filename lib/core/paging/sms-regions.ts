/**
 * Regions Amazon SNS sends SMS from: data, checked in with its source.
 *
 * Source: "Supported Regions and countries", Amazon SNS Developer Guide,
 * https://docs.aws.amazon.com/sns/latest/dg/sns-supported-regions-countries.html (read 2026-12-01):
 * "Currently, Amazon SNS supports SMS messaging in the following AWS Regions". The stored copy we read
 * ends after Europe (Milan); regions the page lists after it are not here yet, so they fail synth
 * (closed, never silently undelivered) until someone adds them from the page. Asia Pacific (Seoul) is
 * not on the page; Amazon Cognito's guide says Seoul resources "must use your Amazon SNS configuration
 * in the Asia Pacific (Tokyo) Region".
 */
export const SMS_REGIONS_SOURCE = {
  title: 'Supported Regions and countries (Amazon SNS Developer Guide)',
  url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-supported-regions-countries.html',
  read: '2026-12-01',
} as const;

export const SMS_REGIONS: readonly string[] = [
  'us-east-2',
  'us-east-1',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-south-1',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-south-1',
  // From the same page's earlier edition (awsdocs/amazon-sns-developer-guide).
  'us-gov-west-1',
];

/** The SMS region nearest to a region without SMS, where we know one. */
const NEAREST_SMS_REGION: Readonly<Record<string, string>> = {
  // Cognito's guide sends Seoul's SMS through Tokyo.
  'ap-northeast-2': 'ap-northeast-1',
};

export function sendsSms(region: string): boolean {
  return SMS_REGIONS.includes(region);
}

export function nearestSmsRegion(region: string): string | undefined {
  return NEAREST_SMS_REGION[region];
}
