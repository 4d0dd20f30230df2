// The template picker (B7): the approved templates, the one chosen, its typed fields, and the preview
// as the customer will see it; sending goes through the composer (one key per written message, I4).
import { computed, signal } from '@preact/signals';
import type { AgentTemplate } from '../../../shared/api/templates';
import type { ComposerModel } from './composer';
import { messageOf } from './conversation';
import type { PanelApi } from './ports';
import {
  type FillSources,
  fillTemplate,
  hasMediaHeader,
  templateRequest,
  templateTitle,
} from './template-fill';

export interface TemplatesDeps {
  api: Pick<PanelApi, 'templates'>;
  composer: ComposerModel;
  sources: () => FillSources;
}

export function createTemplatesModel({ api, composer, sources }: TemplatesDeps) {
  const open = signal(false);
  const list = signal<AgentTemplate[] | null>(null);
  const loadError = signal<string | null>(null);
  const chosen = signal<AgentTemplate | null>(null);
  const typed = signal<Record<string, string>>({});
  const showProblems = signal(false);
  const sending = signal(false);

  const filled = computed(() => (chosen.value ? fillTemplate(chosen.value, sources(), typed.value) : null));

  async function load(): Promise<void> {
    loadError.value = null;
    try {
      // Media headers cannot be filled from the panel (the API sends text parameters only).
      list.value = (await api.templates()).templates.filter((t) => !hasMediaHeader(t));
    } catch (error) {
      loadError.value = messageOf(error);
    }
  }

  function close(): void {
    open.value = false;
    chosen.value = null;
    typed.value = {};
    showProblems.value = false;
  }

  return {
    open,
    list,
    loadError,
    chosen,
    typed,
    filled,
    showProblems,
    sending,
    title: templateTitle,
    async show() {
      open.value = true;
      if (list.value === null) await load();
    },
    reload: load,
    close,
    choose(id: string | null) {
      chosen.value = list.value?.find((t) => t.id === id) ?? null;
      typed.value = {};
      showProblems.value = false;
    },
    setField(key: string, value: string) {
      typed.value = { ...typed.value, [key]: value };
    },
    /** Sends the chosen template once its typed fields are valid; the picker closes when sent. */
    async send(): Promise<boolean> {
      const template = chosen.value;
      const fill = filled.value;
      if (!template || !fill || sending.value) return false;
      if (fill.problems.length > 0) {
        showProblems.value = true;
        return false;
      }
      sending.value = true;
      close();
      try {
        return await composer.submit(templateRequest(template, fill), fill.text);
      } finally {
        sending.value = false;
      }
    },
  };
}

export type TemplatesModel = ReturnType<typeof createTemplatesModel>;
