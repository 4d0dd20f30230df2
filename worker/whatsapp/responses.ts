// Zod schemas of the Graph API's successful answers (reference §1.10, §3, §4.1) and the typed values
// the client returns. Unknown extra fields are ignored: Meta adds fields without a version bump.
import { z } from 'zod';

export const SendResponseSchema = z.object({
  messaging_product: z.string().optional(),
  contacts: z
    .array(z.object({ input: z.string(), wa_id: z.string().optional(), user_id: z.string().optional() }))
    .min(1),
  messages: z.array(z.object({ id: z.string().min(1), message_status: z.string().optional() })).min(1),
});

export interface SendResult {
  /** The wamid; status webhooks refer to it. */
  messageId: string;
  /** `to` as Meta echoed it. */
  input: string;
  /** Meta's user id; may differ from the input (Brazil, Mexico); `""` for a BSUID recipient (omitted or empty). */
  waId: string;
  /** The recipient's BSUID when Meta echoed one (2026). */
  userId?: string;
  /** Template pacing status (`accepted`, `held_for_quality_assessment`, `paused`) when Meta sends it. */
  messageStatus?: string;
}

export function toSendResult(response: z.output<typeof SendResponseSchema>): SendResult {
  // min(1) above guarantees both entries.
  const contact = response.contacts[0] as { input: string; wa_id?: string; user_id?: string };
  const message = response.messages[0] as { id: string; message_status?: string };
  const result: SendResult = { messageId: message.id, input: contact.input, waId: contact.wa_id ?? '' };
  if (contact.user_id) result.userId = contact.user_id;
  if (message.message_status !== undefined) result.messageStatus = message.message_status;
  return result;
}

export const SuccessResponseSchema = z.object({ success: z.literal(true) });

export const UploadResponseSchema = z.object({ id: z.string().min(1) });

/** `file_size` is a string in Meta's v23 reference and a number elsewhere (reference §3): accept both. */
const FileSizeSchema = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d+$/)
    .transform((s) => Number(s)),
]);

export const MediaInfoSchema = z
  .object({
    id: z.string().min(1),
    url: z.string().min(1),
    mime_type: z.string().min(1),
    sha256: z.string(),
    file_size: FileSizeSchema,
    messaging_product: z.string().optional(),
  })
  .transform((m) => ({
    id: m.id,
    url: m.url,
    mimeType: m.mime_type,
    sha256: m.sha256,
    fileSize: m.file_size,
  }));

export type MediaInfo = z.output<typeof MediaInfoSchema>;

const TemplateButtonSchema = z.object({
  type: z.string(),
  text: z.string().optional(),
  url: z.string().optional(),
  phone_number: z.string().optional(),
});

const TemplateComponentSchema = z.object({
  type: z.string(),
  format: z.string().optional(),
  text: z.string().optional(),
  buttons: z.array(TemplateButtonSchema).optional(),
  example: z.record(z.string(), z.unknown()).optional(),
});

const TemplateSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    language: z.string().min(1),
    status: z.string().min(1),
    category: z.string().min(1),
    sub_category: z.string().optional(),
    parameter_format: z.string().optional(),
    components: z.array(TemplateComponentSchema).default([]),
  })
  .transform((t) => {
    const info: TemplateInfo = {
      id: t.id,
      name: t.name,
      language: t.language,
      status: t.status,
      category: t.category,
      parameterFormat: t.parameter_format ?? 'POSITIONAL',
      components: t.components.map((c) => {
        const component: TemplateComponent = { type: c.type };
        if (c.format !== undefined) component.format = c.format;
        if (c.text !== undefined) component.text = c.text;
        if (c.buttons !== undefined) component.buttons = c.buttons;
        if (c.example !== undefined) component.example = c.example;
        return component;
      }),
    };
    if (t.sub_category !== undefined) info.subCategory = t.sub_category;
    return info;
  });

export interface TemplateComponent {
  /** Uppercase as Meta lists them: HEADER, BODY, FOOTER, BUTTONS. */
  type: string;
  format?: string;
  text?: string;
  buttons?: Array<{ type: string; text?: string; url?: string; phone_number?: string }>;
  example?: Record<string, unknown>;
}

export interface TemplateInfo {
  id: string;
  name: string;
  language: string;
  /** APPROVED, PENDING, REJECTED, PAUSED, DISABLED ... Only APPROVED is sendable. */
  status: string;
  /** MARKETING, UTILITY, AUTHENTICATION. */
  category: string;
  subCategory?: string;
  /** POSITIONAL (default) or NAMED. */
  parameterFormat: string;
  components: TemplateComponent[];
}

export const TemplateListSchema = z.object({
  data: z.array(TemplateSchema),
  paging: z
    .object({
      cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
      next: z.string().optional(),
      previous: z.string().optional(),
    })
    .optional(),
});

export interface TemplatePage {
  templates: TemplateInfo[];
  /** Cursor of the next page; absent on the last page (Graph omits `paging.next` there). */
  after?: string;
}

export function toTemplatePage(response: z.output<typeof TemplateListSchema>): TemplatePage {
  const page: TemplatePage = { templates: response.data };
  const after = response.paging?.cursors?.after;
  if (response.paging?.next && after) page.after = after;
  return page;
}
