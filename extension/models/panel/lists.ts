// History (B11) and Unassigned (B22): the threads this user may read, newest first, and the
// conversations whose customer wrote while nobody was in them. Opening a thread or claiming a
// conversation shows it in the panel; a live frame refreshes Unassigned.
import { signal } from '@preact/signals';
import type { z } from 'zod';
import type { ThreadSummarySchema, UnassignedSchema } from '../../../shared/api/conversations';
import type { PanelTarget } from '../../messaging/protocol';
import { messageOf } from './conversation';
import type { LiveFrames, PanelApi } from './ports';

export type ThreadSummary = z.infer<typeof ThreadSummarySchema>;
export type Unassigned = z.infer<typeof UnassignedSchema>;

export interface ListsDeps {
  api: Pick<PanelApi, 'threads' | 'unassigned' | 'start'>;
  live: LiveFrames;
  /** Shows a conversation in the panel (and tells the background, for the side panel). */
  show: (target: PanelTarget) => void;
}

export function newestFirst<T>(items: readonly T[], at: (item: T) => number): T[] {
  return [...items].sort((a, b) => at(b) - at(a));
}

export function createListsModel({ api, live, show }: ListsDeps) {
  const history = signal<ThreadSummary[] | null>(null);
  const unassigned = signal<Unassigned[] | null>(null);
  const historyError = signal<string | null>(null);
  const unassignedError = signal<string | null>(null);
  const claiming = signal<string | null>(null);
  const claimError = signal<string | null>(null);

  async function loadHistory(): Promise<void> {
    historyError.value = null;
    try {
      history.value = newestFirst((await api.threads()).threads, (t) => t.lastAt);
    } catch (error) {
      historyError.value = messageOf(error);
    }
  }

  async function loadUnassigned(): Promise<void> {
    unassignedError.value = null;
    try {
      unassigned.value = newestFirst((await api.unassigned()).conversations, (c) => c.lastAt);
    } catch (error) {
      unassignedError.value = messageOf(error);
    }
  }

  /** B22: take the conversation (start claims it) and open it; someone faster wins, and is named. */
  async function claim(item: Unassigned): Promise<void> {
    if (claiming.value) return;
    claiming.value = item.conversationId;
    claimError.value = null;
    try {
      const res = await api.start(item.contact.id);
      if (res.outcome === 'occupied') {
        const names = res.participants.map((p) => p.name).join(', ');
        claimError.value = `${names} already took the conversation with ${item.contact.name}.`;
        await loadUnassigned();
        return;
      }
      show({ contactId: item.contact.id, conversationId: item.conversationId, threadId: null });
    } catch (error) {
      claimError.value = messageOf(error);
    } finally {
      claiming.value = null;
    }
  }

  const unsubscribe = live.subscribe((frame) => {
    const resumed = frame.type === 'live_resumed';
    if ((resumed || frame.type === 'unassigned') && unassigned.value !== null) void loadUnassigned();
    if ((resumed || frame.type === 'customer_message') && history.value !== null) void loadHistory();
  });

  return {
    history,
    unassigned,
    historyError,
    unassignedError,
    claiming,
    claimError,
    loadHistory,
    loadUnassigned,
    loadAll: () => Promise.all([loadHistory(), loadUnassigned()]).then(() => undefined),
    claim,
    /** B11: an earlier thread opens read-only (the current one as usual). */
    open(t: ThreadSummary) {
      show({ contactId: t.contact.id, conversationId: t.conversationId, threadId: t.threadId });
    },
    dispose: unsubscribe,
  };
}

export type ListsModel = ReturnType<typeof createListsModel>;
