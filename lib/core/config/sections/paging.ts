/** `paging`: subscriptions per severity and how the chat notifier posts (seed 002 s4.2). */
import { z } from 'zod';
import { SEVERITIES, severityTitle } from '../../severity/severities';
import { ssmParameterName } from './common';
import { maintenanceSection } from './maintenance';

export const subscription = z.discriminatedUnion(
  'type',
  [
    z
      .strictObject({ type: z.literal('email'), address: z.email({ error: 'expected an email address' }) })
      .describe('E-mail subscription; AWS sends a confirmation mail once.'),
    z
      .strictObject({
        type: z.literal('sms'),
        number: z
          .string()
          .regex(/^\+[1-9]\d{6,14}$/, { error: 'expected an E.164 phone number such as +821012345678' }),
      })
      .describe('SMS subscription (E.164 number).'),
    z
      .strictObject({
        type: z.literal('https'),
        url: z.url({ protocol: /^https$/, error: 'expected an https:// URL' }),
      })
      .describe(
        'HTTPS endpoint such as the PagerDuty CloudWatch integration URL (SNS confirms it automatically).',
      ),
    z
      .strictObject({
        type: z.literal('chat'),
        format: z.enum(['slack', 'json']).default('slack').describe('Message format. @default - slack'),
        webhookParameter: ssmParameterName.describe(
          'SSM SecureString parameter that holds the webhook URL; the URL never lives in this repository.',
        ),
      })
      .describe('Chat webhook reached through the notifier function.'),
  ],
  { error: 'expected a subscription with type email, sms, https or chat' },
);

/** Where AWS publishes the SMS prices: per destination country, changed regularly, never free. */
export const SMS_PRICING_PAGE = 'https://aws.amazon.com/end-user-messaging/pricing/';

/**
 * An SMS price the team looked up. AWS gives no stable per-country figure to check in (the page
 * lists prices by country and origination identity and changes them regularly), so the config
 * carries the price it was deployed with and the guard prices every SMS page with it.
 */
export const smsPrice = z
  .strictObject({
    prefix: z
      .string()
      .regex(/^\+[1-9]\d{0,3}$/, { error: 'expected a calling code such as +82' })
      .describe('Calling code (E.164 prefix) of the numbers this price is for, such as +82.'),
    usdPerMessage: z
      .number()
      .positive()
      .max(5, { error: 'expected USD per message, at most 5 (is this a price in another currency?)' })
      .describe(
        'USD per page as it arrives: the price per message part times the parts of one page (SNS sends more than 140 bytes as several parts, each billed).',
      ),
    source: z
      .string()
      .min(10, { error: 'say where and when the price was read (at least 10 characters)' })
      .describe(`Where and when the price was read, such as "${SMS_PRICING_PAGE}, 2026-12-01".`),
  })
  .describe('A price per SMS page to the numbers under one calling code.');

export const pagingSection = z
  .strictObject({
    P0: z
      .array(subscription)
      .default([])
      .describe(`${severityTitle('P0')}. @default - none`),
    P1: z
      .array(subscription)
      .default([])
      .describe(`${severityTitle('P1')}. @default - none`),
    P2: z
      .array(subscription)
      .default([])
      .describe(`${severityTitle('P2')}. @default - none`),
    P3: z
      .array(subscription)
      .default([])
      .describe(`${severityTitle('P3')}. @default - none`),
    notifier: z
      .strictObject({
        timeoutSeconds: z
          .int()
          .min(1)
          .max(10)
          .default(3)
          .describe('Deadline of one webhook POST. @default - 3'),
        attempts: z
          .int()
          .min(1)
          .max(5)
          .default(3)
          .describe('POST attempts before the message goes to the dead-letter queue. @default - 3'),
        flappingChanges: z
          .int()
          .min(2)
          .default(4)
          .describe(
            'More state changes than this within the window is flapping: posted once with a count. @default - 4',
          ),
        flappingWindowMinutes: z
          .int()
          .min(5)
          .max(1440)
          .default(30)
          .describe('Flapping window. @default - 30'),
      })
      .prefault({})
      .describe(
        'How the chat notifier posts. @default - 3 s timeout, 3 attempts, flapping above 4 changes in 30 min',
      ),
    silent: z
      .partialRecord(
        z.enum(SEVERITIES),
        z.string().min(10, { error: 'say why nobody needs these pages (at least 10 characters)' }),
      )
      .default({})
      .describe(
        'Severities that reach nobody on purpose, each with the reason; synth refuses any other severity that something publishes to but nobody receives. @default - none',
      ),
    smsPrices: z
      .array(smsPrice)
      .default([])
      .describe(
        `Prices of SMS pages by calling code, read from ${SMS_PRICING_PAGE}; every SMS subscription needs one, so the cost report prices it. @default - none: SMS subscriptions are refused`,
      ),
    maintenance: maintenanceSection,
    encryptTopics: z
      .boolean()
      .default(false)
      .describe(
        'Encrypt the topics with a customer-managed KMS key ($1/month). @default - false: topics carry alarm metadata only',
      ),
  })
  .prefault({})
  .describe('Subscriptions per severity (seed 002 s4.2). @default - topics without subscriptions');

export type Subscription = z.output<typeof subscription>;
export type SmsPrice = z.output<typeof smsPrice>;

/** The configured price for an SMS number: the longest calling code it starts with. */
export function smsPriceFor(number: string, prices: readonly SmsPrice[]): SmsPrice | undefined {
  return prices
    .filter((p) => number.startsWith(p.prefix))
    .reduce<SmsPrice | undefined>(
      (best, p) => (best && best.prefix.length >= p.prefix.length ? best : p),
      undefined,
    );
}
