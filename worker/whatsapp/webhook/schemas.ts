// Zod schemas of the webhook envelope (reference §2.3–2.9). Containers keep their item arrays as
// `unknown[]` so the parser can check each item on its own: one bad message must not sink its batch.
import { z } from 'zod';
import { IntLikeSchema } from '../errors';

/** Unix seconds as a string (messages, statuses) or a number (entry.time, user_preferences) → epoch ms. */
export const EpochSecondsSchema = z
  .union([z.string().regex(/^\d+$/), z.number().int().nonnegative()])
  .transform((v) => Number(v) * 1000);

export const EnvelopeSchema = z.object({ object: z.string(), entry: z.array(z.unknown()) });
export const EntrySchema = z.object({
  id: z.string().min(1),
  time: EpochSecondsSchema.optional(),
  changes: z.array(z.unknown()),
});
export const ChangeSchema = z.object({ field: z.string().min(1), value: z.unknown() });

export const MetadataSchema = z.object({
  display_phone_number: z.string().min(1),
  phone_number_id: z.string().min(1),
});

export const MessagesValueSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  metadata: MetadataSchema,
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});

export const ContactSchema = z.object({
  profile: z
    .object({
      name: z.string().optional(),
      username: z.string().optional(),
      country_code: z.string().optional(),
    })
    .optional(),
  /** Omitted (not "") when the customer adopted a username and hides their phone (2026). */
  wa_id: z.string().optional(),
  /** The business-scoped user id (BSUID), e.g. `US.13491208655302741918`. */
  user_id: z.string().optional(),
  /** The parent BSUID shared across a business's portfolios, e.g. `US.ENT.…`. */
  parent_user_id: z.string().optional(),
  identity_key_hash: z.string().optional(),
});

/** `{code, title, message, error_data{details}, href}`: the webhook error shape (no type, no fbtrace_id). */
export const WebhookErrorSchema = z.object({
  code: IntLikeSchema,
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.object({ details: z.string().optional() }).optional(),
  href: z.string().optional(),
});

export const ContextSchema = z.object({
  from: z.string().optional(),
  id: z.string().optional(),
  forwarded: z.boolean().optional(),
  frequently_forwarded: z.boolean().optional(),
  referred_product: z.object({ catalog_id: z.string(), product_retailer_id: z.string() }).optional(),
});

/**
 * What every inbound message needs before anything about its type is known. The sender is `from`
 * (phone digits) and/or `from_user_id` (BSUID): a username customer's message has no `from` at all.
 */
export const MessageBaseSchema = z.object({
  from: z.string().min(1).optional(),
  from_user_id: z.string().min(1).optional(),
  from_parent_user_id: z.string().min(1).optional(),
  id: z.string().min(1),
  timestamp: EpochSecondsSchema,
  type: z.string().min(1),
  context: z.unknown().optional(),
  referral: z.unknown().optional(),
  errors: z.unknown().optional(),
  group_id: z.string().optional(),
});

export const ReferralSchema = z.looseObject({
  source_url: z.string().optional(),
  source_id: z.string().optional(),
  source_type: z.string().optional(),
  body: z.string().optional(),
  headline: z.string().optional(),
  ctwa_clid: z.string().optional(),
});

export const TextPayloadSchema = z.object({ body: z.string() });

export const MediaPayloadSchema = z.object({
  id: z.string().min(1),
  mime_type: z.string().min(1),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  url: z.string().optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});

export const ButtonPayloadSchema = z.object({ payload: z.string(), text: z.string() });

/** The interactive replies this parser reads; other subtypes (e.g. `call_permission_reply`) are kept as unknown. */
export const INTERACTIVE_TYPES: readonly string[] = ['button_reply', 'list_reply', 'nfm_reply'];

export const InteractivePayloadSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('button_reply'),
    button_reply: z.object({ id: z.string(), title: z.string() }),
  }),
  z.object({
    type: z.literal('list_reply'),
    list_reply: z.object({ id: z.string(), title: z.string(), description: z.string().optional() }),
  }),
  z.object({
    type: z.literal('nfm_reply'),
    nfm_reply: z.object({
      response_json: z.string(),
      body: z.string().optional(),
      name: z.string().optional(),
    }),
  }),
]);

export const ReactionPayloadSchema = z.object({
  message_id: z.string().min(1),
  emoji: z.string().optional(),
});

export const LocationPayloadSchema = z.object({
  latitude: z.number({ error: 'expected a latitude (a number)' }),
  longitude: z.number({ error: 'expected a longitude (a number)' }),
  name: z.string().optional(),
  address: z.string().optional(),
  url: z.string().optional(),
});

export const ContactsPayloadSchema = z.array(
  z.looseObject({
    name: z.looseObject({ formatted_name: z.string().optional() }).optional(),
    phones: z
      .array(
        z.looseObject({
          phone: z.string().optional(),
          wa_id: z.string().optional(),
          type: z.string().optional(),
        }),
      )
      .optional(),
  }),
);

export const OrderPayloadSchema = z.object({
  catalog_id: z.string(),
  text: z.string().optional(),
  product_items: z.array(
    z.object({
      product_retailer_id: z.string(),
      quantity: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)], {
        error: 'expected a whole number of items',
      }),
      item_price: z.union(
        [
          z.number(),
          z
            .string()
            .regex(/^\d+(\.\d+)?$/)
            .transform(Number),
        ],
        {
          error: 'expected a price (a number)',
        },
      ),
      currency: z.string(),
    }),
  ),
});

export const SystemPayloadSchema = z.object({
  body: z.string().optional(),
  type: z.string().optional(),
  wa_id: z.string().optional(),
  new_wa_id: z.string().optional(),
  customer: z.string().optional(),
});

export const UnsupportedPayloadSchema = z.object({ type: z.string().optional() });

export const STATUS_VALUES = ['sent', 'delivered', 'read', 'failed', 'played'] as const;

export const StatusSchema = z.object({
  id: z.string().min(1),
  status: z.enum(STATUS_VALUES),
  timestamp: EpochSecondsSchema,
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  parent_recipient_user_id: z.string().optional(),
  recipient_type: z.string().optional(),
  recipient_participant_id: z.string().optional(),
  recipient_participant_user_id: z.string().optional(),
  recipient_participant_parent_user_id: z.string().optional(),
  recipient_identity_key_hash: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  errors: z.array(WebhookErrorSchema).optional(),
  pricing: z
    .object({
      billable: z.boolean().optional(),
      pricing_model: z.string(),
      type: z.string().optional(),
      category: z.string(),
    })
    .optional(),
  conversation: z
    .object({
      id: z.string(),
      expiration_timestamp: EpochSecondsSchema.optional(),
      origin: z.object({ type: z.string() }).optional(),
    })
    .optional(),
  contacts: z.array(z.unknown()).optional(),
});

export const TEMPLATE_EVENTS = [
  'APPROVED',
  'ARCHIVED',
  'DELETED',
  'DISABLED',
  'FLAGGED',
  'IN_APPEAL',
  'LIMIT_EXCEEDED',
  'LOCKED',
  'PAUSED',
  'PENDING',
  'PENDING_DELETION',
  'REINSTATED',
  'REJECTED',
] as const;

export const TemplateStatusValueSchema = z.object({
  event: z.enum(TEMPLATE_EVENTS),
  message_template_id: z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String),
  message_template_name: z.string().min(1),
  message_template_language: z.string().min(1),
  reason: z.string().nullable().optional(),
  message_template_category: z.string().optional(),
  rejection_info: z
    .object({ reason: z.string().optional(), recommendation: z.string().optional() })
    .optional(),
  disable_info: z.object({ disable_date: z.union([z.string(), z.number()]).optional() }).optional(),
  other_info: z.object({ title: z.string().optional(), description: z.string().optional() }).optional(),
});

export const UserPreferencesValueSchema = z.object({
  messaging_product: z.string().optional(),
  metadata: MetadataSchema.optional(),
  contacts: z.array(z.unknown()).optional(),
  user_preferences: z.array(z.unknown()),
});

/**
 * One preference change. `value` is open: marketing messages send stop / resume, sign-up links send
 * `signup`, and Meta adds more. The customer must be named (wa_id and/or BSUID).
 */
export const UserPreferenceSchema = z
  .looseObject({
    wa_id: z.string().min(1).optional(),
    user_id: z.string().min(1).optional(),
    detail: z.string().optional(),
    category: z.string().min(1),
    value: z.string().min(1),
    timestamp: EpochSecondsSchema,
  })
  .refine((p) => p.wa_id !== undefined || p.user_id !== undefined, {
    message: 'user preference names no customer (neither wa_id nor user_id)',
    path: ['wa_id'],
  });

/** `phone_number_quality_update` (loose: Meta adds fields such as `max_daily_conversation_per_phone`). */
export const NumberQualityValueSchema = z.looseObject({
  display_phone_number: z.string().min(1),
  event: z.string().min(1),
  current_limit: z.string().optional(),
  old_limit: z.string().optional(),
});

/** `account_update`: only the event is read; its details vary by event. */
export const AccountUpdateValueSchema = z.looseObject({ event: z.string().min(1) });

const TemplateIdSchema = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);

/** `message_template_quality_update` / `template_category_update`. */
export const TemplateQualityValueSchema = z.looseObject({
  message_template_id: TemplateIdSchema,
  message_template_name: z.string().min(1),
  message_template_language: z.string().min(1),
  previous_quality_score: z.string().optional(),
  new_quality_score: z.string().optional(),
  new_category: z.string().optional(),
});
