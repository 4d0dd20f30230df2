// Recognises a UNIQUE constraint failure from D1 or libSQL (through drizzle's error wrapper), so
// services can answer 409 when a concurrent request won the race their pre-check could not see.
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (/UNIQUE constraint failed|SQLITE_CONSTRAINT_UNIQUE/i.test(e.message)) return true;
  }
  return false;
}
