// Collects what the webhook parser could not use, with a path into the payload, so the caller can
// dead-letter it (SPEC §6) while the good parts of the same POST are still applied.
import type { z } from 'zod';
import type { WebhookProblem } from './events';

function joinPath(base: string, segments: readonly PropertyKey[]): string {
  let path = base;
  for (const segment of segments) {
    path += typeof segment === 'number' ? `[${segment}]` : `${path ? '.' : ''}${String(segment)}`;
  }
  return path;
}

/**
 * Whether a problem is worth a dead letter: only broken input. Unknown types and fields are newer
 * than this parser; the event they sit in is kept (a message as a placeholder) and they are logged.
 */
export function isDeadLetterProblem(problem: WebhookProblem): boolean {
  return problem.kind === 'malformed';
}

export class ProblemList {
  readonly items: WebhookProblem[] = [];

  add(path: string, message: string, kind: WebhookProblem['kind'] = 'malformed'): void {
    this.items.push({ path, message, kind });
  }

  /** One problem per zod issue (capped: a wholly wrong object should not flood the list). */
  fromZod(path: string, error: z.ZodError): void {
    for (const issue of error.issues.slice(0, 5)) this.add(joinPath(path, issue.path), issue.message);
  }

  /** Reports keys outside `known`: Meta added something this parser does not read yet. */
  unknownKeys(path: string, raw: unknown, known: readonly string[]): void {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
    for (const key of Object.keys(raw)) {
      if (!known.includes(key)) this.add(joinPath(path, [key]), `unknown field '${key}'`, 'unknown_field');
    }
  }
}

export function keysOf(schema: { shape: Record<string, unknown> }): string[] {
  return Object.keys(schema.shape);
}

/**
 * Parses one part of the envelope with an object schema: the data, or undefined with the part's
 * problems recorded; fields the schema does not know are reported too (never fatal).
 */
export function parsePart<T>(
  schema: {
    shape: Record<string, unknown>;
    safeParse(raw: unknown): { success: true; data: T } | { success: false; error: z.ZodError };
  },
  raw: unknown,
  path: string,
  problems: ProblemList,
): T | undefined {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    problems.fromZod(path, parsed.error);
    return undefined;
  }
  problems.unknownKeys(path, raw, keysOf(schema));
  return parsed.data;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Drops undefined properties so events compare and serialise cleanly. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}
