/** `database`: the RDS instance the service uses. */
import { z } from 'zod';

export const databaseSection = z.strictObject({
  instanceIdentifier: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9-]{0,62}$/, { error: 'expected an RDS DB instance identifier' }),
  engine: z.enum(['mysql', 'postgres']),
  maxConnections: z.int().positive().describe('max_connections of the parameter group.'),
});
