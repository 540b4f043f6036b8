/** `database`: the RDS instance the service uses. */
import { z } from 'zod';
import { rdsIdentifierProblem } from '../rules/names';
import { checkedString } from './common';

export const databaseSection = z.strictObject({
  instanceIdentifier: checkedString(rdsIdentifierProblem).describe(
    'RDS DB instance identifier (lowercase, as RDS stores it). With recovery it has room for the restore target and renamed source names.',
  ),
  engine: z.enum(['mysql', 'postgres']),
  maxConnections: z.int().positive().describe('max_connections of the parameter group.'),
});
