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
 * A function's settings as one JSON environment variable, checked for the keys it cannot run
 * without. Fails at start, naming the variable and what is missing.
 */
export function jsonSettings<T extends object>(
  name: string,
  required: readonly (keyof T & string)[],
  env: NodeJS.ProcessEnv = process.env,
): T {
  const value = JSON.parse(requiredEnv(name, env)) as Partial<T>;
  const missing = required.filter((k) => value[k] === undefined);
  if (missing.length > 0) throw new Error(`${name} lacks ${missing.join(', ')}`);
  return value as T;
}
