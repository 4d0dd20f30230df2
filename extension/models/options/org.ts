// The organisation's own settings (B21): WhatsApp on or off for everyone, the sender-name prefix,
// the opt-in template and the keywords (retention: privacy.ts, audited). One PATCH per change; the
// answer replaces what is shown, so the page never shows a setting the server did not accept.
// Three sections edit the org, so each has its own task (its errors show where it was changed).
import { computed, signal } from '@preact/signals';
import type { OrgPatch, OrgResponse } from '../../../shared/api/admin';
import type { KeywordListsDto } from '../../../shared/api/common';
import type { OptionsPorts } from './ports';
import { createTask, type Task } from './task';

export function withPatch(org: OrgResponse, body: OrgPatch): OrgResponse {
  return { ...org, ...body, settings: { ...org.settings, ...body.settings } };
}

export function createOrgModel(ports: OptionsPorts) {
  const org = signal<OrgResponse | null>(null);
  const task = createTask();
  const optInTask = createTask();
  const keywordsTask = createTask();
  /** The keyword lists in force: the org's own, or the product defaults when it has none. */
  const keywords = computed(() => org.value && (org.value.settings.keywords ?? org.value.defaultKeywords));
  const usesDefaultKeywords = computed(() => org.value?.settings.keywords === null);

  /**
   * Sends one change and shows the server's answer. A toggle shows its change at once (it never flips
   * back while saving); forms do not, so a refusal leaves what the admin typed in place.
   */
  async function patch(on: Task, body: OrgPatch, doneText = 'Saved.', toggle = false): Promise<boolean> {
    const before = org.value;
    if (before && toggle) org.value = withPatch(before, body);
    const next = await on.run(() => ports.admin.patchOrg(body), doneText);
    // A refusal puts back what the server has, so every control shows it again.
    org.value = next ?? before;
    return next !== undefined;
  }

  return {
    org,
    task,
    optInTask,
    keywordsTask,
    keywords,
    usesDefaultKeywords,
    async load(): Promise<void> {
      org.value = (await task.run(() => ports.admin.org())) ?? null;
    },
    reset(): void {
      org.value = null;
      for (const t of [task, optInTask, keywordsTask]) t.reset();
    },
    setWhatsappEnabled: (on: boolean) =>
      patch(
        task,
        { whatsappEnabled: on },
        on ? 'WhatsApp is on for the organisation.' : 'WhatsApp is off.',
        true,
      ),
    setSingleParticipantPrefix: (on: boolean) =>
      patch(task, { settings: { singleParticipantPrefix: on } }, 'Saved.', true),
    setOptInTemplate: (ref: { name: string; language: string } | null) =>
      patch(optInTask, { settings: { optInTemplate: ref } }, 'Opt-in template saved.'),
    saveKeywords: (lists: KeywordListsDto) =>
      patch(keywordsTask, { settings: { keywords: lists } }, 'Keywords saved.'),
    useDefaultKeywords: () =>
      patch(keywordsTask, { settings: { keywords: null } }, 'The default keywords are in use.'),
  };
}

export type OrgModel = ReturnType<typeof createOrgModel>;
