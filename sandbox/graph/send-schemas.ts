// Zod schemas of the send endpoint's body (reference §1) and the mapping of zod issues to Meta's codes:
// a missing parameter is 131008, a value over a limit is 131009, a wrong type or unknown value is 100,
// and refinements carry their own code.

import { z } from 'zod';

const withCode = (code: number, message: string) => ({ message, params: { code } });

const common = {
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.literal('individual').optional(),
  to: z.string().min(1),
  context: z.object({ message_id: z.string().min(1) }).optional(),
  biz_opaque_callback_data: z.string().max(512).optional(),
};

export const TextSendSchema = z.object({
  ...common,
  type: z.literal('text'),
  text: z.object({ body: z.string().min(1).max(4096), preview_url: z.boolean().optional() }),
});

export const ImageSendSchema = z.object({
  ...common,
  type: z.literal('image'),
  image: z
    .object({
      id: z.string().min(1).optional(),
      link: z.url().optional(),
      caption: z.string().max(1024).optional(),
    })
    .refine(
      (i) => i.id !== undefined || i.link !== undefined,
      withCode(131008, 'image.id or image.link is required'),
    )
    .refine(
      (i) => i.id === undefined || i.link === undefined,
      withCode(131009, 'use image.id or image.link, not both'),
    ),
});

const ReplyButtonSchema = z.object({
  type: z.literal('reply'),
  reply: z.object({ id: z.string().min(1).max(256), title: z.string().min(1).max(20) }),
});

export const InteractiveSendSchema = z.object({
  ...common,
  type: z.literal('interactive'),
  interactive: z.object({
    type: z.literal('button'),
    header: z.object({ type: z.literal('text'), text: z.string().min(1).max(60) }).optional(),
    body: z.object({ text: z.string().min(1).max(1024) }),
    footer: z.object({ text: z.string().min(1).max(60) }).optional(),
    action: z.object({
      buttons: z
        .array(ReplyButtonSchema)
        .min(1)
        .max(3)
        .refine(
          (b) => new Set(b.map((x) => x.reply.title)).size === b.length,
          withCode(131009, 'button titles must be unique'),
        )
        .refine(
          (b) => new Set(b.map((x) => x.reply.id)).size === b.length,
          withCode(131009, 'button ids must be unique'),
        ),
    }),
  }),
});

const fallback = z.looseObject({ fallback_value: z.unknown().optional() });

export const ReactionSendSchema = z.object({
  ...common,
  type: z.literal('reaction'),
  // An empty emoji removes a reaction (UNCONFIRMED in the reference; accepted here).
  reaction: z.object({ message_id: z.string().min(1), emoji: z.string().max(16) }),
});

export const TemplateParameterSchema = z.looseObject({
  type: z.string().min(1),
  text: z.unknown().optional(),
  payload: z.unknown().optional(),
  currency: fallback.optional(),
  date_time: fallback.optional(),
});

export type TemplateParameter = z.infer<typeof TemplateParameterSchema>;

export const TemplateComponentSchema = z.looseObject({
  type: z.enum(['header', 'body', 'button']),
  sub_type: z.string().optional(),
  index: z.union([z.number().int().min(0), z.string().regex(/^\d+$/)]).optional(),
  parameters: z.array(TemplateParameterSchema).optional(),
});

export type TemplateComponent = z.infer<typeof TemplateComponentSchema>;

export const TemplateSendSchema = z.object({
  ...common,
  type: z.literal('template'),
  template: z.object({
    name: z.string().min(1).max(512),
    language: z.object({ code: z.string().min(1), policy: z.string().optional() }),
    components: z.array(TemplateComponentSchema).optional(),
  }),
});

export type TemplateSend = z.infer<typeof TemplateSendSchema>;

export const MarkReadSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  status: z.literal('read'),
  message_id: z.string().min(1),
  typing_indicator: z.object({ type: z.literal('text') }).optional(),
});

/** Types Meta knows but the sandbox does not simulate: answered 131051. */
export const UNSIMULATED_TYPES = ['video', 'audio', 'document', 'sticker', 'location', 'contacts'];

export const SEND_SCHEMAS = {
  text: TextSendSchema,
  image: ImageSendSchema,
  interactive: InteractiveSendSchema,
  template: TemplateSendSchema,
  reaction: ReactionSendSchema,
} as const;

export type SendType = keyof typeof SEND_SCHEMAS;

export interface MetaIssue {
  code: number;
  details: string;
}

function valueAt(body: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = body;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Reflect.get(cur, key);
  }
  return cur;
}

const pathName = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

/** Meta's code and a readable detail for the first zod issue. */
export function toMetaIssue(body: unknown, error: z.ZodError): MetaIssue {
  const issue = error.issues[0];
  if (!issue) return { code: 100, details: 'Invalid parameter' };
  const name = pathName(issue.path) || 'body';
  if (issue.code === 'custom') {
    const code = typeof issue.params?.code === 'number' ? issue.params.code : 100;
    return { code, details: issue.message };
  }
  if (valueAt(body, issue.path) === undefined)
    return { code: 131008, details: `The parameter ${name} is required.` };
  if (issue.code === 'too_big') {
    return {
      code: 131009,
      details: `Param ${name} is too long or has too many items (maximum ${issue.maximum}).`,
    };
  }
  if (issue.code === 'too_small') return { code: 131009, details: `Param ${name} must not be empty.` };
  return { code: 100, details: `Invalid parameter ${name}: ${issue.message}` };
}
