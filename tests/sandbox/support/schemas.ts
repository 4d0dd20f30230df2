// Zod schemas the tests read sandbox answers with: Meta's webhook envelope, the Graph error envelope
// and success bodies, so tests assert on typed data and never cast.

import { z } from 'zod';

export const WebhookErrorSchema = z.object({
  code: z.number(),
  title: z.string(),
  message: z.string(),
  error_data: z.object({ details: z.string() }),
  href: z.string(),
});

export const StatusSchema = z.looseObject({
  id: z.string(),
  status: z.enum(['sent', 'delivered', 'read', 'failed']),
  timestamp: z.string().regex(/^\d+$/),
  recipient_id: z.string(),
  biz_opaque_callback_data: z.string().optional(),
  pricing: z
    .object({
      billable: z.boolean(),
      pricing_model: z.literal('PMP'),
      category: z.string(),
      type: z.string(),
    })
    .optional(),
  errors: z.array(WebhookErrorSchema).optional(),
});

export const InboundSchema = z.looseObject({
  from: z.string(),
  id: z.string(),
  timestamp: z.string().regex(/^\d+$/),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  button: z.object({ payload: z.string(), text: z.string() }).optional(),
  interactive: z
    .object({
      type: z.literal('button_reply'),
      button_reply: z.object({ id: z.string(), title: z.string() }),
    })
    .optional(),
  context: z.object({ from: z.string(), id: z.string() }).optional(),
  image: z
    .object({
      caption: z.string().optional(),
      mime_type: z.string(),
      sha256: z.string(),
      id: z.string(),
      url: z.string().optional(),
    })
    .optional(),
});

export const ValueSchema = z.looseObject({
  messaging_product: z.literal('whatsapp').optional(),
  metadata: z.object({ display_phone_number: z.string(), phone_number_id: z.string() }).optional(),
  contacts: z.array(z.object({ profile: z.object({ name: z.string() }), wa_id: z.string() })).optional(),
  messages: z.array(InboundSchema).optional(),
  statuses: z.array(StatusSchema).optional(),
  event: z.string().optional(),
  message_template_id: z.number().optional(),
  message_template_name: z.string().optional(),
  message_template_language: z.string().optional(),
  reason: z.string().nullable().optional(),
  message_template_category: z.string().optional(),
});

export const EnvelopeSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      id: z.string(),
      time: z.number().optional(),
      changes: z.array(z.object({ field: z.string(), value: ValueSchema })),
    }),
  ),
});

export type Envelope = z.infer<typeof EnvelopeSchema>;
export type Status = z.infer<typeof StatusSchema>;
export type Inbound = z.infer<typeof InboundSchema>;

export const GraphErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.literal('OAuthException'),
    code: z.number(),
    error_data: z.object({ messaging_product: z.literal('whatsapp'), details: z.string() }),
    error_subcode: z.number().optional(),
    fbtrace_id: z.string().min(1),
  }),
});

export const SendOkSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  contacts: z.array(z.object({ input: z.string(), wa_id: z.string() })).length(1),
  messages: z.array(z.object({ id: z.string(), message_status: z.string().optional() })).length(1),
});

export const ControlErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const statusesOf = (e: Envelope): Status[] =>
  e.entry.flatMap((en) => en.changes.flatMap((ch) => ch.value.statuses ?? []));
export const inboundOf = (e: Envelope): Inbound[] =>
  e.entry.flatMap((en) => en.changes.flatMap((ch) => ch.value.messages ?? []));
