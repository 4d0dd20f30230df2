// The conversation shown in the panel (B8, B9, B11, B15, B22): the contact, the state the API
// reported with the server clock offset, the thread, and live frames applied without a reload.
// Everything here is reachable from fakes: API, messaging, clock and live frames are ports.
import { batch, computed, signal } from '@preact/signals';
import type { Contact } from '../../../shared/api/contacts';
import { ApiFailure } from '../../api/transport';
import type { PageFrame, PanelTarget } from '../../messaging/protocol';
import { describeNewItem } from './announce';
import { panelMode } from './panel-mode';
import type { Clock, LiveFrames, PanelApi, PanelMessaging } from './ports';
import { type ConversationState, stateAt } from './status';
import { applyItem, mergeThread, type Thread, type ThreadItem } from './thread';
import { serverOffset, serverTime } from './time';

export interface ConversationDeps {
  api: PanelApi;
  messaging: PanelMessaging;
  clock: Clock;
  live: LiveFrames;
  /** The signed-in user's id (their own messages are not announced). */
  myId: () => string | null;
}

export const ACCESS_ENDED = 'Your access to this conversation ended: a colleague removed you.';

export function messageOf(error: unknown): string {
  if (error instanceof ApiFailure) return error.message;
  return error instanceof Error ? error.message : 'Something went wrong.';
}

export function createConversationModel(deps: ConversationDeps) {
  const { api, messaging, clock } = deps;
  const target = signal<PanelTarget | null>(null);
  const contact = signal<Contact | null>(null);
  const state = signal<ConversationState | null>(null);
  const offset = signal(0);
  const now = signal(clock.now());
  const thread = signal<Thread | null>(null);
  const loading = signal(false);
  const loadError = signal<string | null>(null);
  const actionError = signal<string | null>(null);
  const notice = signal<string | null>(null);
  const announcement = signal('');
  /** From a `start` that found colleagues in it: whether this user may ask to join (B22). */
  const canRequestJoin = signal<boolean | null>(null);
  let generation = 0;

  const serverNow = computed(() => serverTime(offset.value, now.value));
  const current = computed(() => (state.value ? stateAt(state.value, serverNow.value) : null));
  const mode = computed(() => (current.value ? panelMode(current.value) : null));
  const name = computed(() => contact.value?.name ?? 'this contact');
  /** An earlier thread opened from History (B11): read-only whatever the composer below does. */
  const viewingEarlier = computed(() => {
    const t = thread.value;
    return !!t && (t.readOnly || t.threadId !== state.value?.threadId);
  });

  function applyState(next: ConversationState): void {
    batch(() => {
      state.value = next;
      offset.value = serverOffset(next.serverNow, clock.now());
      now.value = clock.now();
      if (next.youAreParticipant || next.participants.length === 0) canRequestJoin.value = null;
      // Asking (again) to join answers whatever the notice said (a declined request, a removal).
      if (next.joinRequests.some((r) => r.userId === deps.myId())) notice.value = null;
    });
  }

  function putItem(item: ThreadItem): void {
    const t = thread.value;
    if (t) thread.value = { ...t, items: [...applyItem(t.items, item)] };
  }

  function announce(text: string): void {
    // A repeated text must still be read out: clear first, then set.
    announcement.value = '';
    queueMicrotask(() => {
      announcement.value = text;
    });
  }

  function announceLatestLine(): void {
    const line = thread.value?.items.findLast((item) => item.type === 'system');
    if (line?.type === 'system') announce(line.text);
  }

  async function loadThread(threadId?: string | null): Promise<void> {
    const s = state.value;
    if (!s) return;
    const gen = generation;
    try {
      const fetched = await api.thread(s.conversationId, threadId ?? undefined);
      if (gen !== generation) return;
      thread.value = mergeThread(thread.value, fetched);
      if (!fetched.readOnly) void messaging.markSeen(s.conversationId).catch(() => undefined);
    } catch (error) {
      if (gen !== generation) return;
      // 404: no thread this user may read yet (never in it, or removed): nothing to show.
      if (error instanceof ApiFailure && error.status === 404) thread.value = null;
      else actionError.value = messageOf(error);
    }
  }

  async function load(next: PanelTarget): Promise<void> {
    const gen = ++generation;
    batch(() => {
      target.value = next;
      contact.value = null;
      state.value = null;
      thread.value = null;
      loadError.value = null;
      actionError.value = null;
      notice.value = null;
      canRequestJoin.value = null;
      loading.value = true;
    });
    try {
      const [c, s] = await Promise.all([api.contact(next.contactId), api.whatsapp(next.contactId)]);
      if (gen !== generation) return;
      contact.value = c;
      applyState(s);
      if (s.participants.length > 0 && !s.youAreParticipant) await learnOccupancy(gen);
      await loadThread(next.threadId);
    } catch (error) {
      if (gen === generation) loadError.value = messageOf(error);
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  /** Whether this user may ask to join: only `start` knows (sub-orgs are not shown to the panel). */
  async function learnOccupancy(gen: number): Promise<void> {
    const t = target.value;
    if (!t) return;
    const res = await api.start(t.contactId);
    if (gen !== generation) return;
    applyState(res.conversation);
    canRequestJoin.value = res.outcome === 'occupied' ? res.canRequestJoin : null;
  }

  async function refresh(): Promise<void> {
    const t = target.value;
    if (!t) return;
    const gen = generation;
    try {
      const s = await api.whatsapp(t.contactId);
      if (gen !== generation) return;
      const threadChanged = s.threadId !== state.value?.threadId;
      const joined = s.youAreParticipant && state.value?.youAreParticipant === false;
      applyState(s);
      // In it again (transferred or added back): the "access ended" notice no longer holds.
      if (s.youAreParticipant) notice.value = null;
      const occupied = s.participants.length > 0 && !s.youAreParticipant;
      if (occupied && canRequestJoin.value === null) await learnOccupancy(gen);
      if (!viewingEarlier.value || threadChanged) {
        if (s.youAreParticipant && (threadChanged || !thread.value)) await loadThread();
      }
      // Added or handed the conversation: the thread came whole, so say why it appeared (A1).
      if (joined && gen === generation) announceLatestLine();
    } catch (error) {
      if (gen === generation) actionError.value = messageOf(error);
    }
  }

  /** After the live socket was down: the state, and the thread shown, are read afresh. */
  async function resync(): Promise<void> {
    const hadThread = thread.value !== null;
    await refresh();
    if (hadThread && thread.value && state.value?.youAreParticipant && !viewingEarlier.value)
      await loadThread();
  }

  /** B17 / B22: start, restart or claim; occupied tells who is in it and whether to ask to join. */
  async function start(): Promise<void> {
    const t = target.value;
    if (!t) return;
    actionError.value = null;
    try {
      const res = await api.start(t.contactId);
      applyState(res.conversation);
      if (res.outcome === 'occupied') {
        canRequestJoin.value = res.canRequestJoin;
        return;
      }
      notice.value = null;
      thread.value = null;
      await loadThread();
    } catch (error) {
      actionError.value = messageOf(error);
    }
  }

  function onFrame(frame: PageFrame): void {
    const s = state.value;
    // The socket was down for a while: whatever its frames said meanwhile is read afresh.
    if (frame.type === 'live_resumed') {
      if (s) void resync();
      return;
    }
    if (!s || !('conversationId' in frame) || frame.conversationId !== s.conversationId) return;
    switch (frame.type) {
      case 'conversation':
        if ('text' in frame && typeof frame.text === 'string') {
          notice.value = frame.text;
          announce(frame.text);
        }
        void refresh();
        break;
      case 'item':
        onItem(frame.threadId, frame.item);
        break;
      case 'access_revoked': {
        const text = 'text' in frame && typeof frame.text === 'string' ? frame.text : ACCESS_ENDED;
        batch(() => {
          thread.value = null;
          notice.value = text;
        });
        announce(text);
        void refresh();
        break;
      }
      case 'customer_message':
        if (thread.value && !viewingEarlier.value)
          void messaging.markSeen(s.conversationId).catch(() => undefined);
        break;
      default:
        break;
    }
  }

  function onItem(threadId: string, item: ThreadItem): void {
    const t = thread.value;
    if (!t) {
      if (threadId === state.value?.threadId) void loadThread();
      return;
    }
    if (t.threadId !== threadId) return;
    const before = t.items;
    putItem(item);
    if (thread.value?.items === before) return;
    const names = new Map((state.value?.participants ?? []).map((p) => [p.userId, p.name]));
    const text = describeNewItem(before, item, { myId: deps.myId(), contactName: name.value, names });
    if (text) announce(text);
  }

  const unsubscribe = deps.live.subscribe(onFrame);
  const stopTicking = clock.every(1000, () => {
    now.value = clock.now();
  });

  return {
    target,
    contact,
    state,
    current,
    offset,
    now,
    serverNow,
    thread,
    mode,
    name,
    viewingEarlier,
    loading,
    loadError,
    actionError,
    notice,
    announcement,
    canRequestJoin,
    load,
    refresh,
    loadThread,
    start,
    applyState,
    putItem,
    announce,
    dispose() {
      generation++;
      unsubscribe();
      stopTicking();
    },
  };
}

export type ConversationModel = ReturnType<typeof createConversationModel>;
