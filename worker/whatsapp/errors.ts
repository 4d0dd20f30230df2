// Typed errors of the WhatsApp Cloud API client. Meta's error envelope (reference §1.11) becomes a
// WhatsAppApiError carrying the domain's decision for its code; everything that is not a definite answer
// from Meta (network failure, timeout, unreadable body) is a WhatsAppTransportError. Callers branch on
// `code` and `decision.action`, never on the HTTP status (Meta says not to, and throttling codes come
// back as 400 or 429 depending on who you ask).
import { z } from 'zod';
import { decideError, type ErrorDecision } from '../domain/error-codes';

/** An integer Meta may serialise as a number or a numeric string. */
export const IntLikeSchema = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform((s) => Number(s)),
]);

/** Graph's synchronous error envelope. Only `code` is required: everything else is optional in the wild. */
export const GraphErrorEnvelopeSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: IntLikeSchema,
    error_subcode: IntLikeSchema.optional(),
    error_data: z
      .union([
        z.object({ messaging_product: z.string().optional(), details: z.string().optional() }),
        z.string(),
      ])
      .optional(),
    fbtrace_id: z.string().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    is_transient: z.boolean().optional(),
  }),
});
export type GraphErrorEnvelope = z.infer<typeof GraphErrorEnvelopeSchema>;

/** `"(#130429) Rate limit hit"` → `"Rate limit hit"`; a message without the prefix is kept as is. */
export function titleFromMessage(message: string | undefined): string {
  if (!message) return '';
  const match = /^\(#-?\d+\)\s*(.*)$/s.exec(message);
  return match ? (match[1] ?? '') : message;
}

export interface WhatsAppApiErrorInit {
  code: number;
  httpStatus: number;
  title: string;
  subcode?: number;
  details?: string;
  fbtraceId?: string;
  type?: string;
  isTransient?: boolean;
}

/** Meta answered with an error envelope: the request was refused with a known code. */
export class WhatsAppApiError extends Error {
  override readonly name = 'WhatsAppApiError';
  readonly code: number;
  readonly subcode?: number;
  readonly details?: string;
  readonly fbtraceId?: string;
  readonly httpStatus: number;
  readonly title: string;
  readonly type?: string;
  readonly isTransient?: boolean;
  readonly decision: ErrorDecision;

  constructor(init: WhatsAppApiErrorInit) {
    super(`WhatsApp API error ${init.code}${init.title ? `: ${init.title}` : ''}`);
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.title = init.title;
    if (init.subcode !== undefined) this.subcode = init.subcode;
    if (init.details !== undefined) this.details = init.details;
    if (init.fbtraceId !== undefined) this.fbtraceId = init.fbtraceId;
    if (init.type !== undefined) this.type = init.type;
    if (init.isTransient !== undefined) this.isTransient = init.isTransient;
    this.decision = decideError(init.code);
  }

  static fromEnvelope(envelope: GraphErrorEnvelope, httpStatus: number): WhatsAppApiError {
    const e = envelope.error;
    const details = typeof e.error_data === 'string' ? e.error_data : e.error_data?.details;
    const init: WhatsAppApiErrorInit = { code: e.code, httpStatus, title: titleFromMessage(e.message) };
    if (e.error_subcode !== undefined) init.subcode = e.error_subcode;
    if (details !== undefined) init.details = details;
    if (e.fbtrace_id !== undefined) init.fbtraceId = e.fbtrace_id;
    if (e.type !== undefined) init.type = e.type;
    if (e.is_transient !== undefined) init.isTransient = e.is_transient;
    return new WhatsAppApiError(init);
  }
}

/** Parses a body as Meta's error envelope; `null` when it is not one. */
export function parseApiError(body: unknown, httpStatus: number): WhatsAppApiError | null {
  const parsed = GraphErrorEnvelopeSchema.safeParse(body);
  return parsed.success ? WhatsAppApiError.fromEnvelope(parsed.data, httpStatus) : null;
}

export type TransportFailure =
  /** fetch threw: DNS, connection reset, TLS ... */
  | 'network'
  /** no complete answer within the client's timeout */
  | 'timeout'
  /** a non-2xx answer that is not Meta's error envelope (a proxy's 502 page, say) */
  | 'http'
  /** a 2xx answer whose body is not the documented shape */
  | 'bad_response';

export interface WhatsAppTransportErrorInit {
  failure: TransportFailure;
  operation: string;
  /** True for message sends: Meta may have accepted the message. Reconcile from status webhooks. */
  outcomeUnknown: boolean;
  httpStatus?: number;
  detail?: string;
  cause?: unknown;
}

/** No definite answer from Meta. For a send, the message may or may not have gone out (SPEC I4). */
export class WhatsAppTransportError extends Error {
  override readonly name = 'WhatsAppTransportError';
  readonly failure: TransportFailure;
  readonly operation: string;
  readonly outcomeUnknown: boolean;
  readonly httpStatus?: number;

  constructor(init: WhatsAppTransportErrorInit) {
    const status = init.httpStatus === undefined ? '' : ` (HTTP ${init.httpStatus})`;
    super(`WhatsApp ${init.operation}: ${init.failure}${status}${init.detail ? `: ${init.detail}` : ''}`, {
      cause: init.cause,
    });
    this.failure = init.failure;
    this.operation = init.operation;
    this.outcomeUnknown = init.outcomeUnknown;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
  }
}

/** The request broke one of Meta's documented limits; nothing was sent. */
export class WhatsAppValidationError extends Error {
  override readonly name = 'WhatsAppValidationError';
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.field = field;
  }
}

/** A media download URL answered 404: it expired (5 minutes). Fetch a fresh URL with getMedia. */
export class MediaUrlExpiredError extends Error {
  override readonly name = 'MediaUrlExpiredError';
  readonly httpStatus = 404;

  constructor() {
    super('WhatsApp media URL expired or unknown; fetch a new URL with getMedia(mediaId)');
  }
}
