/**
 * Regions Amazon SNS sends SMS from: data, checked in with its source.
 *
 * Source: "Supported Regions and countries", Amazon SNS Developer Guide,
 * https://docs.aws.amazon.com/sns/latest/dg/sns-supported-regions-countries.html (read 2026-12-01):
 * "Currently, Amazon SNS supports SMS messaging in the following AWS Regions". `CURRENT_PAGE` is
 * that table in the page's order as far as the stored copies we could read go (they stop after
 * Europe (Milan), in the English page and in its translations alike). `EARLIER_EDITION` adds the
 * rows of the page's last edition in the awsdocs/amazon-sns-developer-guide repository that come
 * after Milan there: Europe (Paris), Europe (Stockholm), Middle East (Bahrain), South America
 * (São Paulo) and AWS GovCloud (US-West). A region on neither list fails synth for SMS (closed,
 * never silently undelivered); to add one, read the live page and extend `CURRENT_PAGE`.
 * Asia Pacific (Seoul) is on neither; Amazon Cognito's guide says Seoul resources "must use your
 * Amazon SNS configuration in the Asia Pacific (Tokyo) Region".
 */
export const SMS_REGIONS_SOURCE = {
  title: 'Supported Regions and countries (Amazon SNS Developer Guide)',
  url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-supported-regions-countries.html',
  read: '2026-12-01',
  quote: 'Currently, Amazon SNS supports SMS messaging in the following AWS Regions',
} as const;

/** The current page's table, in its order, through Europe (Milan). */
const CURRENT_PAGE = [
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
] as const;

/** The last repository edition's rows after Europe (Milan), in its order. */
const EARLIER_EDITION = ['eu-west-3', 'eu-north-1', 'me-south-1', 'sa-east-1', 'us-gov-west-1'] as const;

export const SMS_REGIONS: readonly string[] = [...CURRENT_PAGE, ...EARLIER_EDITION];

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
