/** AWS SDK v3 errors are told apart by name. */
export function hasErrorName(error: unknown, ...names: readonly string[]): boolean {
  return error instanceof Error && names.includes(error.name);
}
