/**
 * The error code of a Node.js, undici or mysql2 error (`ECONNREFUSED`, `ER_DUP_ENTRY`, …),
 * or of the error in its `cause`, where wrappers such as fetch keep the original.
 */
export function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string') return code;
  return cause === undefined ? undefined : codeOf(cause);
}
