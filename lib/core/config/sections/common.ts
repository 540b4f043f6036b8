/** Identifiers used by several config sections, checked by the AWS rules in `../rules`. */
import { z } from 'zod';
import { secretIdProblem, ssmParameterNameProblem } from '../rules/names';
import { regionProblem } from '../rules/regions';

/** A string checked by `check`, which returns what is wrong or undefined. */
export function checkedString(check: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const problem = check(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });
}

export const accountId = z.string().regex(/^\d{12}$/, { error: 'expected a 12-digit AWS account id' });
export const region = checkedString(regionProblem);
export const ssmParameterName = checkedString(ssmParameterNameProblem);
export const secretId = checkedString(secretIdProblem);
