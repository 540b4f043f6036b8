/** Identifiers used by several config sections. */
import { z } from 'zod';

export const accountId = z.string().regex(/^\d{12}$/, { error: 'expected a 12-digit AWS account id' });
export const region = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, { error: 'expected an AWS region code such as ap-northeast-2' });
export const ssmParameterName = z
  .string()
  .regex(/^\/[A-Za-z0-9_.\-/]+$/, { error: 'expected an SSM parameter name starting with /' });
