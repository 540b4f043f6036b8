import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/**
 * The account's running bill on the dashboard instead of a billing alarm (which would take one of
 * the 10 free alarm metrics). Billing metrics exist only in us-east-1 and read near zero while
 * credits pay.
 */
export function estimatedChargesWidget(): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({
    title: 'Estimated charges this month (us-east-1 billing metric, net of credits)',
    width: 8,
    height: 6,
    left: [
      new cloudwatch.Metric({
        namespace: 'AWS/Billing',
        metricName: 'EstimatedCharges',
        dimensionsMap: { Currency: 'USD' },
        statistic: 'Maximum',
        period: Duration.hours(6),
        region: 'us-east-1',
        label: 'USD',
      }),
    ],
  });
}
