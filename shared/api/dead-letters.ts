// Admin: webhook parts that could not be applied (SPEC §6), newest first, for the caller's org.
import { z } from 'zod';

export const DeadLettersQuerySchema = z.object({
  limit: z.coerce
    .number({ error: 'limit must be a number from 1 to 200' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(200, 'limit must be at most 200')
    .default(50),
});

export const DeadLetterSchema = z
  .object({
    id: z.string(),
    receivedAt: z.int(),
    reason: z.string(),
    /** The offending part of the webhook, as received (JSON). */
    payload: z.unknown(),
  })
  .meta({ id: 'DeadLetter' });
export type DeadLetterDto = z.infer<typeof DeadLetterSchema>;

export const DeadLetterListSchema = z
  .object({ deadLetters: z.array(DeadLetterSchema) })
  .meta({ id: 'DeadLetterList' });
