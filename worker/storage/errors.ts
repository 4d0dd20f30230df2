// Recognises a UNIQUE constraint failure from D1 or libSQL (through drizzle's error wrapper), so
// services can answer 409 when a concurrent request won the race their pre-check could not see.
export function isUniqueViolation(err: unknown): boolean {
  return someCause(err, /UNIQUE constraint failed|SQLITE_CONSTRAINT_UNIQUE/i);
}

/** Whether the error or one of its causes (drizzle wraps the driver's) says this. */
function someCause(err: unknown, pattern: RegExp): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (pattern.test(e.message)) return true;
  }
  return false;
}

/** A UNIQUE or FOREIGN KEY constraint failure (D1 or libSQL): a concurrent write changed the rows. */
export function isConstraintViolation(err: unknown): boolean {
  return someCause(err, /(UNIQUE|FOREIGN KEY) constraint failed|SQLITE_CONSTRAINT/i);
}

/** How many times work that reads, then writes in one batch, is tried when a constraint breaks it. */
export const CONFLICT_ATTEMPTS = 3;

/**
 * Runs `work` again from its reads when its batch broke a constraint because another request wrote
 * in between (the batch is one transaction, so it left nothing behind); other errors, and the last
 * attempt's, are thrown as they are.
 */
export async function againOnConflict<T>(work: () => Promise<T>, attempts = CONFLICT_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isConstraintViolation(err)) throw err;
    }
  }
}
