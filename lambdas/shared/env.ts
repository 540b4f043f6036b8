import type { z } from 'zod';

/** Reads a function's configuration from its environment once, failing with the variable's name. */
export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new Error(`environment variable ${name} is required but not set`);
  }
  return value;
}

export function positiveIntEnv(name: string, env: NodeJS.ProcessEnv = process.env): number {
  const raw = requiredEnv(name, env);
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`environment variable ${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

/**
 * A function's settings as one JSON environment variable, parsed with the zod schema its construct
 * wrote it from (lib/core/contracts). Fails at start, naming the variable and every bad field.
 */
export function settingsFromEnv<T>(
  name: string,
  schema: z.ZodType<T>,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const raw = requiredEnv(name, env);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new Error(`environment variable ${name} is not JSON`, { cause: error });
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`environment variable ${name} is invalid: ${problems.join('; ')}`);
  }
  return result.data;
}
