// Template schemas: what agents may send (APPROVED only) and what admins manage and map (B7, B21).
import { z } from 'zod';
import { IdSchema, MappedVariableSchema, TemplateComponentSchema, VariableSourceSchema } from './common';

export const AgentTemplateSchema = z
  .object({
    id: IdSchema,
    name: z.string(),
    language: z.string(),
    category: z.string(),
    components: z.array(TemplateComponentSchema),
    variables: z.array(MappedVariableSchema),
    /**
     * What the header needs besides variables: `image` (send with `headerMediaId`), `unsupported`
     * (a video, document or location header Greenline cannot send yet), or null.
     */
    headerMedia: z.enum(['image', 'unsupported']).nullable().optional(),
  })
  .meta({ id: 'Template' });
export type AgentTemplate = z.infer<typeof AgentTemplateSchema>;

export const AgentTemplateListSchema = z
  .object({ templates: z.array(AgentTemplateSchema) })
  .meta({ id: 'TemplateList' });

export const AdminTemplateSchema = AgentTemplateSchema.extend({
  status: z.string(),
  /** WhatsApp's quality rating of the template (GREEN, YELLOW, RED), once it sent one. */
  qualityScore: z.string().nullable().optional(),
  syncedAt: z.number(),
}).meta({ id: 'AdminTemplate' });
export type AdminTemplate = z.infer<typeof AdminTemplateSchema>;

export const AdminTemplateListSchema = z
  .object({ templates: z.array(AdminTemplateSchema) })
  .meta({ id: 'AdminTemplateList' });

export const TemplateSyncResultSchema = z
  .object({ synced: z.number(), approved: z.number(), removed: z.number(), syncedAt: z.number() })
  .meta({ id: 'TemplateSyncResult' });

export const VariableMappingRequestSchema = z
  .object({
    mappings: z.array(z.object({ key: z.string().min(1).max(100), source: VariableSourceSchema })).max(50),
  })
  .meta({ id: 'VariableMappingRequest' });
export type VariableMappingRequest = z.infer<typeof VariableMappingRequestSchema>;
