// Templates (B7, B21): sync from Meta, the list with its review state, which one is the opt-in
// (approved UTILITY only, B1), and where each placeholder's value comes from when an agent sends it.
import { signal } from '@preact/signals';
import type { VariableSource } from '../../../shared/api/common';
import type { AdminTemplate } from '../../../shared/api/templates';
import type { OptionsPorts } from './ports';
import { createTask } from './task';

export const SOURCE_LABELS: Record<VariableSource, string> = {
  contact_first_name: "Contact's first name",
  contact_name: "Contact's full name",
  user_name: "Sender's name",
  org_name: 'Organisation name',
  typed: 'Typed by the sender',
};

export interface TemplateRef {
  name: string;
  language: string;
}

/** The opt-in request goes out before consent, so only an approved UTILITY template may be it (B1). */
export function canBeOptIn(template: AdminTemplate): boolean {
  return template.status === 'APPROVED' && template.category === 'UTILITY';
}

export function optInChoices(templates: readonly AdminTemplate[]): AdminTemplate[] {
  return templates.filter(canBeOptIn);
}

/** A name and language as one select value; names are [a-z0-9_] so "|" cannot occur in them. */
export function refValue(ref: TemplateRef): string {
  return `${ref.name}|${ref.language}`;
}

export function refOf(value: string): TemplateRef | null {
  const [name, language] = value.split('|');
  return name && language ? { name, language } : null;
}

export function templateTitle(t: TemplateRef): string {
  return `${t.name} (${t.language})`;
}

export function syncSummary(r: { synced: number; approved: number; removed: number }): string {
  return `Synced ${r.synced} templates from Meta: ${r.approved} approved, ${r.removed} removed.`;
}

export type Drafts = Record<string, Record<string, VariableSource>>;

export function mappingsOf(template: AdminTemplate, draft: Record<string, VariableSource> | undefined) {
  return template.variables.map((v) => ({ key: v.key, source: draft?.[v.key] ?? v.source }));
}

export function createTemplatesModel(ports: OptionsPorts) {
  const templates = signal<AdminTemplate[]>([]);
  /** Whether the list has been read once (until then an empty list says nothing). */
  const loaded = signal(false);
  const drafts = signal<Drafts>({});
  const task = createTask();
  const variablesTask = createTask();
  const { admin } = ports;

  async function reload(): Promise<void> {
    templates.value = (await admin.templates()).templates;
    loaded.value = true;
  }

  return {
    templates,
    loaded,
    drafts,
    task,
    variablesTask,
    load: () => task.run(reload),
    reset(): void {
      templates.value = [];
      loaded.value = false;
      drafts.value = {};
      task.reset();
      variablesTask.reset();
    },
    async sync(): Promise<void> {
      await task.run(async () => {
        const result = await admin.syncTemplates();
        await reload();
        return result;
      }, syncSummary);
    },
    choose(template: AdminTemplate, key: string, source: VariableSource): void {
      const mine = { ...drafts.value[template.id], [key]: source };
      drafts.value = { ...drafts.value, [template.id]: mine };
    },
    async saveVariables(template: AdminTemplate): Promise<void> {
      const mappings = mappingsOf(template, drafts.value[template.id]);
      const next = await variablesTask.run(
        () => admin.mapVariables(template.id, { mappings }),
        `Variables of ${templateTitle(template)} saved.`,
      );
      if (!next) return;
      templates.value = templates.value.map((t) => (t.id === next.id ? next : t));
      const { [template.id]: _saved, ...rest } = drafts.value;
      drafts.value = rest;
    },
  };
}

export type TemplatesModel = ReturnType<typeof createTemplatesModel>;
