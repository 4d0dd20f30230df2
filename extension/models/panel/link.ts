// Linking a WhatsApp username customer to the CRM record open in the panel (issue 10, SPEC §2): a
// customer who hides their number cannot be found from their CRM record, so the agent who talks to
// them says "this record is that person". Offered on a record with a number and no conversation yet,
// listing the username-only customers in this user's history; the two contacts become one and the
// conversation goes on under this record.
import { computed, signal } from '@preact/signals';
import type { PanelTarget } from '../../messaging/protocol';
import { type ConversationModel, messageOf } from './conversation';
import { isUsernameOnly } from './identity';
import type { ThreadSummary } from './lists';
import type { PanelApi } from './ports';

export type LinkCandidate = ThreadSummary['contact'];

export interface LinkDeps {
  api: Pick<PanelApi, 'threads' | 'linkContact'>;
  conversation: Pick<ConversationModel, 'contact' | 'state' | 'thread' | 'loading'>;
  /** Shows the linked contact's conversation in the panel. */
  show: (target: PanelTarget) => void;
}

/** Username-only customers of these threads, each once, except the contact shown. */
export function linkCandidates(threads: readonly ThreadSummary[], shownId: string): LinkCandidate[] {
  const seen = new Set<string>([shownId]);
  const out: LinkCandidate[] = [];
  for (const t of threads) {
    if (!isUsernameOnly(t.contact) || seen.has(t.contact.id)) continue;
    seen.add(t.contact.id);
    out.push(t.contact);
  }
  return out;
}

export function createLinkModel({ api, conversation, show }: LinkDeps) {
  const candidates = signal<LinkCandidate[] | null>(null);
  const open = signal(false);
  const chosen = signal<string | null>(null);
  const busy = signal(false);
  const error = signal<string | null>(null);

  /** A CRM record with a number and nothing written yet: the moment to say who it is on WhatsApp. */
  const isOfferable = computed(() => {
    const c = conversation.contact.value;
    const s = conversation.state.value;
    if (!c || !s || conversation.loading.value || !c.phone) return false;
    return conversation.thread.value === null && s.participants.length === 0;
  });

  async function load(): Promise<void> {
    const c = conversation.contact.value;
    if (!c) return;
    try {
      candidates.value = linkCandidates((await api.threads()).threads, c.id);
    } catch {
      candidates.value = []; // Offering nothing is the right answer when the history cannot be read.
    }
  }

  function reset(): void {
    candidates.value = null;
    open.value = false;
    chosen.value = null;
    error.value = null;
  }

  async function link(): Promise<boolean> {
    const c = conversation.contact.value;
    const other = chosen.value;
    if (!c || !other || busy.value) return false;
    busy.value = true;
    error.value = null;
    try {
      const merged = await api.linkContact(c.id, other);
      reset();
      show({ contactId: merged.id, conversationId: null, threadId: null });
      return true;
    } catch (e) {
      error.value = messageOf(e);
      return false;
    } finally {
      busy.value = false;
    }
  }

  return {
    candidates,
    open,
    chosen,
    busy,
    error,
    isOfferable,
    load,
    reset,
    link,
    show: () => {
      open.value = true;
      chosen.value = candidates.value?.length === 1 ? (candidates.value[0]?.id ?? null) : null;
    },
    cancel: () => {
      open.value = false;
      error.value = null;
    },
    choose: (id: string) => {
      chosen.value = id;
    },
  };
}

export type LinkModel = ReturnType<typeof createLinkModel>;
