// Optional state file: the simulated world (users, messages, media, windows, template statuses, the
// clock offset) saved as JSON after changes and loaded, validated, on start. Pending webhooks, rate
// buckets and issued media URLs are not kept (they are short-lived).

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { SandboxState } from './state';

const TemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.enum(['UTILITY', 'MARKETING', 'AUTHENTICATION']),
  parameter_format: z.literal('POSITIONAL'),
  components: z.array(
    z.union([
      z.object({ type: z.literal('HEADER'), format: z.literal('TEXT'), text: z.string() }),
      // A picture or document header (the demo's product_brochure): saved and loaded like the rest.
      z.object({
        type: z.literal('HEADER'),
        format: z.enum(['IMAGE', 'DOCUMENT']),
        example: z.object({ header_handle: z.array(z.string()) }).optional(),
      }),
      z.object({
        type: z.literal('BODY'),
        text: z.string(),
        example: z.object({ body_text: z.array(z.array(z.string())) }).optional(),
      }),
      z.object({ type: z.literal('FOOTER'), text: z.string() }),
      z.object({
        type: z.literal('BUTTONS'),
        buttons: z.array(z.object({ type: z.literal('QUICK_REPLY'), text: z.string() })),
      }),
    ]),
  ),
});

const StateSchema = z.object({
  numbers: z.array(
    z.object({
      phoneNumberId: z.string(),
      displayPhoneNumber: z.string(),
      wabaId: z.string(),
      accessToken: z.string(),
      templates: z.array(TemplateSchema),
      qualityRating: z.enum(['GREEN', 'YELLOW', 'RED', 'UNKNOWN']).optional(),
      messagingLimitTier: z.string().optional(),
    }),
  ),
  users: z.array(
    z.object({
      phone: z.string(),
      waId: z.string(),
      name: z.string(),
      onWhatsApp: z.boolean(),
      blocked: z.array(z.string()),
      marketingStopped: z.array(z.string()).optional(),
    }),
  ),
  outbound: z.array(
    z.object({
      wamid: z.string(),
      phoneNumberId: z.string(),
      to: z.string(),
      recipientId: z.string(),
      type: z.enum(['text', 'image', 'template', 'interactive', 'reaction']),
      reaction: z.object({ messageId: z.string(), emoji: z.string() }).optional(),
      text: z.string().optional(),
      template: z
        .object({
          name: z.string(),
          language: z.string(),
          category: z.string(),
          params: z.array(z.string()),
          header: z.string().optional(),
          body: z.string(),
          footer: z.string().optional(),
          buttons: z.array(z.object({ index: z.number(), text: z.string(), payload: z.string() })),
        })
        .optional(),
      image: z
        .object({
          mediaId: z.string().optional(),
          link: z.string().optional(),
          caption: z.string().optional(),
        })
        .optional(),
      interactive: z
        .object({
          header: z.string().optional(),
          body: z.string(),
          footer: z.string().optional(),
          buttons: z.array(z.object({ id: z.string(), title: z.string() })),
        })
        .optional(),
      contextId: z.string().optional(),
      bizOpaque: z.string().optional(),
      pricing: z.object({ billable: z.boolean(), category: z.string(), type: z.string() }),
      state: z.enum(['accepted', 'sent', 'delivered', 'read', 'failed']),
      errorCode: z.number().optional(),
      time: z.number(),
      deliveredSilently: z.boolean().optional(),
    }),
  ),
  inbound: z.array(
    z.object({
      wamid: z.string(),
      phoneNumberId: z.string(),
      from: z.string(),
      type: z.enum(['text', 'button', 'interactive', 'image']),
      text: z.string().optional(),
      button: z.object({ payload: z.string(), text: z.string() }).optional(),
      interactive: z.object({ id: z.string(), title: z.string() }).optional(),
      image: z
        .object({
          mediaId: z.string(),
          mimeType: z.string(),
          sha256: z.string(),
          caption: z.string().optional(),
        })
        .optional(),
      contextId: z.string().optional(),
      time: z.number(),
      readByBusiness: z.boolean().optional(),
    }),
  ),
  media: z.array(
    z.object({
      id: z.string(),
      phoneNumberId: z.string(),
      mimeType: z.string(),
      sha256: z.string(),
      size: z.number(),
      base64: z.string(),
      createdAt: z.number(),
      expiresAt: z.number(),
    }),
  ),
  windows: z.record(z.string(), z.number()),
});

const FileSchema = z.object({ version: z.literal(1), clockOffsetMs: z.number(), state: StateSchema });

export interface SavedWorld {
  clockOffsetMs: number;
  state: SandboxState;
}

/** Loads a state file; a missing file is `undefined`, a malformed one throws with the reason. */
export function loadState(path: string): SavedWorld | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = FileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`Sandbox state file ${path} is not valid: ${parsed.error.message}`);
  return { clockOffsetMs: parsed.data.clockOffsetMs, state: parsed.data.state };
}

/** Writes atomically (temp file + rename) so a crash never leaves half a file. */
export function saveState(path: string, saved: SavedWorld): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify({ version: 1, ...saved }));
  renameSync(tmp, path);
}
