/**
 * AWS naming rules for the identifiers a config file holds, each from the AWS page quoted. Each
 * check returns what is wrong, or undefined; the schema turns that into a zod issue.
 */

/**
 * "RDS DB instance identifier" (CreateDBInstance, RestoreDBInstanceToPointInTime): "This parameter
 * is stored as a lowercase string. Constraints: Must contain from 1 to 63 letters, numbers, or
 * hyphens. First character must be a letter. Can't end with a hyphen or contain two consecutive
 * hyphens."
 */
export const RDS_IDENTIFIER_MAX = 63;

export function rdsIdentifierProblem(id: string): string | undefined {
  if (id.length < 1 || id.length > RDS_IDENTIFIER_MAX) {
    return `an RDS DB instance identifier has 1-${RDS_IDENTIFIER_MAX} characters (got ${id.length})`;
  }
  const lower = id.toLowerCase();
  if (!/^[a-z]/.test(lower)) return 'an RDS DB instance identifier starts with a letter';
  if (!/^[a-z0-9-]+$/.test(lower))
    return 'an RDS DB instance identifier has only letters, digits and hyphens';
  if (lower.includes('--')) return 'an RDS DB instance identifier cannot contain two consecutive hyphens';
  if (lower.endsWith('-')) return 'an RDS DB instance identifier cannot end with a hyphen';
  if (lower !== id) {
    return `RDS stores identifiers in lowercase, so events and ARNs name "${lower}": write it that way`;
  }
  return undefined;
}

/**
 * "About requirements and constraints for parameter names" (Systems Manager User Guide, quoted in
 * PutParameter): "A parameter name can't be prefixed with "aws" or "ssm" (case-insensitive)."
 * "Parameter names can include only the following symbols and letters: a-zA-Z0-9_.-" plus "/" for
 * hierarchies; "Parameter names can't contain spaces."; "Parameter hierarchies are limited to a
 * maximum depth of fifteen levels."; "The maximum length for a parameter name, including the full
 * length of the parameter ARN, is 1011 characters."
 */
const SSM_ARN_MAX = 1011;
/** `arn:aws:ssm:<region>:<12-digit account>:parameter` with the longest region code (14 characters). */
const SSM_ARN_PREFIX = 'arn:aws:ssm:ap-southeast-7:123456789012:parameter'.length;
export const SSM_PARAMETER_NAME_MAX = SSM_ARN_MAX - SSM_ARN_PREFIX;

export function ssmParameterNameProblem(name: string): string | undefined {
  const url = urlProblem(name);
  if (url) return url;
  if (!name.startsWith('/'))
    return 'expected an SSM parameter name starting with /, such as /ticketing/prod/db-host';
  if (/\s/.test(name)) return 'an SSM parameter name cannot contain spaces';
  const bad = name.match(/[^A-Za-z0-9_.\-/]/);
  if (bad) return `an SSM parameter name has only letters, digits, _ . - and /; "${bad[0]}" is not allowed`;
  if (/^\/?(aws|ssm)/i.test(name)) {
    return 'SSM parameter names cannot begin with "aws" or "ssm" (case-insensitive): those prefixes are reserved';
  }
  if (name.split('/').some((part, i) => i > 0 && part === ''))
    return 'an SSM parameter name has no empty level (//) and does not end with /';
  const levels = name.split('/').length - 1;
  if (levels > 15) return `SSM parameter hierarchies have at most 15 levels (got ${levels})`;
  if (name.length > SSM_PARAMETER_NAME_MAX) {
    return `an SSM parameter name has at most ${SSM_PARAMETER_NAME_MAX} characters here: AWS counts the ARN too (1011 in all)`;
  }
  return undefined;
}

/**
 * Secrets Manager, CreateSecret `Name`: "The secret name can contain ASCII letters, numbers, and
 * the following characters: /_+=.@-" (length 1-512); "Do not end your secret name with a hyphen
 * followed by six characters ... Secrets Manager automatically adds a hyphen and six random
 * characters after the secret name at the end of the ARN." A secret id is its name or its ARN.
 */
const SECRET_ARN =
  /^arn:aws:secretsmanager:[a-z0-9-]+:\d{12}:secret:([A-Za-z0-9/_+=.@-]{1,512})-[A-Za-z0-9]{6}$/;

export function secretIdProblem(id: string): string | undefined {
  const url = urlProblem(id);
  if (url) return url;
  if (id.startsWith('arn:')) {
    return SECRET_ARN.test(id)
      ? undefined
      : 'expected a Secrets Manager secret ARN such as arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:ticketing/db-AbCdEf';
  }
  if (id.length < 1 || id.length > 512)
    return `a Secrets Manager secret name has 1-512 characters (got ${id.length})`;
  if (id.includes('!')) {
    return 'names with ! are secrets managed by another AWS service (such as rds!...), which the recovery workflow cannot write; give a secret of your own';
  }
  const bad = id.match(/[^A-Za-z0-9/_+=.@-]/);
  if (bad)
    return `a Secrets Manager secret name has only letters, digits and / _ + = . @ -; "${bad[0]}" is not allowed`;
  if (/-[A-Za-z0-9]{6}$/.test(id)) {
    return 'a secret name ending in a hyphen and six characters is mistaken for the random suffix of its ARN; give the full ARN or rename the secret';
  }
  return undefined;
}

/**
 * "DNS domain name format" (Route 53 Developer Guide): "Each label can be up to 63 bytes long. The
 * total length of a domain name cannot exceed 255 bytes, including the dots." Route 53 "stores
 * alphabetic characters as lowercase letters". The switch record is one name the app resolves, so
 * a wildcard (`*`) or characters that need octal escapes are refused.
 */
export function route53RecordNameProblem(name: string): string | undefined {
  const url = urlProblem(name);
  if (url) return url;
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  if (bare.length === 0) return 'expected a record name such as db.ticketing.example.com';
  if (name.length > 255) return `a domain name has at most 255 bytes including the dots (got ${name.length})`;
  const labels = bare.split('.');
  if (labels.length < 2) return 'expected a fully qualified record name such as db.ticketing.example.com';
  for (const label of labels) {
    if (label.length === 0) return 'a record name has no empty label (..)';
    if (label.length > 63)
      return `each label of a domain name has at most 63 bytes ("${label.slice(0, 20)}..." has ${label.length})`;
    if (label.includes('*')) return 'the switch record must be one name, not a wildcard';
    if (!/^[A-Za-z0-9_-]+$/.test(label))
      return `label "${label}": use letters, digits, - and _ (other characters need escapes in Route 53)`;
  }
  return undefined;
}

/**
 * CloudWatch Logs CreateLogGroup `logGroupName`: "Length Constraints: Minimum length of 1. Maximum
 * length of 512." "Pattern: [\.\-_/#A-Za-z0-9]+".
 */
export function logGroupNameProblem(name: string): string | undefined {
  if (name.length < 1 || name.length > 512)
    return `a CloudWatch Logs group name has 1-512 characters (got ${name.length})`;
  const bad = name.match(/[^.\-_/#A-Za-z0-9]/);
  if (bad)
    return `a CloudWatch Logs group name has only letters, digits and . - _ / #; "${bad[0]}" is not allowed`;
  return undefined;
}

/** A secret pasted where its name belongs would end up in the repository. */
function urlProblem(value: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /hooks\.slack\.com/i.test(value)
    ? 'this looks like a URL, which must not live in the repository: store it in SSM as a SecureString and give its name'
    : undefined;
}

/**
 * A record name as Route 53's IAM condition keys compare it ("Normalizing the Route 53 condition key
 * values": "All letters must be lowercase" and "The DNS name must be without the trailing dot").
 */
export function normalizedRecordName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
