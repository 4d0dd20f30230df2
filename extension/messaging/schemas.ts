// Schemas for every message the background receives (STYLE: validate at every boundary). A content
// script runs in a page we do not control, so nothing it sends is trusted as typed.
import { z } from 'zod';

const PhoneCandidateSchema = z.object({
  raw: z.string().trim().min(1).max(80),
  label: z.string().max(80).nullable(),
});

export const GlanceRequestSchema = z.object({ phones: z.array(PhoneCandidateSchema).min(1).max(20) });

export const RecordInputSchema = z.object({
  crm: z.enum(['hubspot', 'salesforce', 'pipedrive', 'zoho', 'dynamics', 'generic']),
  recordId: z.string().min(1).max(200),
  objectType: z.enum(['contact', 'lead', 'person', 'page']),
  name: z.string().max(200),
  url: z.url({ protocol: /^https?$/ }).max(2000),
});

export const OpenConversationSchema = z.object({
  record: RecordInputSchema,
  phone: z.string().trim().min(1).max(80),
});

export const ApiRequestSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: z
    .string()
    .regex(/^\/[A-Za-z0-9/_.~%-]*$/, 'must be an API path')
    .refine((p) => !p.includes('..'), 'must not climb out of the API'),
  query: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  upload: z
    .object({
      file: z.object({
        base64: z.string().max(8_000_000),
        fileName: z.string().max(200),
        contentType: z.string().max(100),
      }),
      fields: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
  accept: z.enum(['json', 'text', 'binary']).optional(),
  anonymous: z.boolean().optional(),
});

export const SignInSchema = z.object({
  serverUrl: z.url({ protocol: /^https?$/, error: 'The server address must start with http:// or https://' }),
  email: z.string().trim().min(1, 'Enter your email address').max(254),
  password: z.string().min(1, 'Enter your password').max(256),
});

export const AcceptInvitationSchema = z.object({
  serverUrl: SignInSchema.shape.serverUrl,
  token: z.string().trim().min(1, 'Paste the invitation code').max(200),
  name: z.string().trim().min(1, 'Enter your name').max(200),
  password: z.string().min(10, 'Choose a password of at least 10 characters').max(256),
});

export const PanelTargetSchema = z.object({
  contactId: z.string().min(1).max(64),
  conversationId: z.string().min(1).max(64).nullable(),
  threadId: z.string().min(1).max(200).nullable(),
});

export const TabIdSchema = z.object({ tabId: z.number().int().nullable() });
export const ShowConversationSchema = z.object({
  tabId: z.number().int().nullable(),
  target: PanelTargetSchema,
});
export const MarkSeenSchema = z.object({ conversationId: z.string().min(1).max(64) });
