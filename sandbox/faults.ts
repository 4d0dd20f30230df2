// Fault and limit knobs of `POST /sandbox/faults` (SPEC §5): webhook duplicates, reordering, delay and
// failed deliveries; forced send errors by code and rate; throughput and pair limits. Validated with zod;
// a POST merges into the current settings, DELETE restores the defaults.

import { z } from 'zod';
import { KNOWN_ERROR_CODES } from './errors';

const rate = z.number().min(0).max(1);

export const SendErrorFaultSchema = z
  .object({
    code: z
      .number()
      .int()
      .refine((c) => KNOWN_ERROR_CODES.includes(c), {
        message: `code must be one of ${KNOWN_ERROR_CODES.join(', ')}`,
      }),
    rate: rate.default(1),
    /** How many sends it applies to before it disappears; unset = until cleared. */
    count: z.number().int().min(1).optional(),
    /** `sync` answers the send with the error; `async` answers 200 then fails the message by webhook. */
    mode: z.enum(['sync', 'async']).optional(),
    /** Only sends to this recipient (E.164 or wa_id). */
    to: z.string().min(1).optional(),
    /**
     * HTTP status of a `sync` answer instead of the catalogue's (e.g. 429 for 130429, as a proxy or
     * Meta's edge may answer); the body stays Meta's envelope with `code`.
     */
    httpStatus: z.number().int().min(400).max(599).optional(),
  })
  .strict();

export type SendErrorFault = z.infer<typeof SendErrorFaultSchema>;

export const FaultsSchema = z
  .object({
    webhookDuplicateRate: rate,
    webhookReorderRate: rate,
    webhookDelayMs: z.number().int().min(0).max(600_000),
    webhookFailCount: z.number().int().min(0),
    webhookFailRate: rate,
    /** Share of messages whose `delivered` is suppressed, so `read` comes without it. */
    skipDeliveredRate: rate,
    sendErrors: z.array(SendErrorFaultSchema).max(50),
    throughputPerSecond: z.number().int().min(1).max(10_000),
    pairBurst: z.number().int().min(1).max(10_000),
    pairRefillMs: z.number().int().min(1).max(86_400_000),
  })
  .strict();

export type Faults = z.infer<typeof FaultsSchema>;

export const FaultsPatchSchema = FaultsSchema.partial()
  .extend({ seed: z.number().int().optional() })
  .strict();

export type FaultsPatch = z.infer<typeof FaultsPatchSchema>;

export const DEFAULT_FAULTS: Faults = {
  webhookDuplicateRate: 0,
  webhookReorderRate: 0,
  webhookDelayMs: 0,
  webhookFailCount: 0,
  webhookFailRate: 0,
  skipDeliveredRate: 0,
  sendErrors: [],
  throughputPerSecond: 80,
  pairBurst: 45,
  pairRefillMs: 6_000,
};

export function defaultFaults(): Faults {
  return structuredClone(DEFAULT_FAULTS);
}
