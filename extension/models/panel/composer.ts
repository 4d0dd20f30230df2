// Writing and sending (B4, B7, B10, I4). Each message the user writes gets one Idempotency-Key when
// they press Send; a failed request keeps it, so Retry can never make a second message, and a double
// click finds the draft already taken. Requests not yet answered show in the thread as "sending".
import { computed, signal } from '@preact/signals';
import { type SendMessageRequest, TEXT_MAX } from '../../../shared/api/conversations';
import type { ConversationModel } from './conversation';
import { messageOf } from './conversation';
import type { IdGenerator, PanelApi } from './ports';
import type { ThreadItem } from './thread';

export interface PendingSend {
  localId: string;
  conversationId: string;
  idempotencyKey: string;
  body: SendMessageRequest;
  /** What the bubble shows while it is on its way. */
  label: string;
  /** Server time when Send was pressed (the panel's estimate). */
  startedAt: number;
  status: 'sending' | 'failed';
  error: string | null;
}

export interface ComposerDeps {
  api: Pick<PanelApi, 'send'>;
  conversation: ConversationModel;
  ids: IdGenerator;
}

export function requestLabel(body: SendMessageRequest): string {
  switch (body.type) {
    case 'text':
      return body.text;
    case 'image':
      return body.caption ? `Picture: ${body.caption}` : 'Picture';
    case 'template':
      return `Template ${body.name}`;
  }
}

function isAnswerTo(pending: PendingSend, item: ThreadItem, myId: string | null): boolean {
  if (item.type !== 'outbound' || item.authorId !== myId || item.at < pending.startedAt) return false;
  const { body } = pending;
  if (body.type === 'image') return item.mediaId === body.mediaId;
  // As written, or as it reached the customer with the author's name in front (B12).
  return body.type === 'text' && (item.text === body.text || !!item.text?.endsWith(`: ${body.text}`));
}

/**
 * The sends to show below the thread. The live frame with a new message often arrives before the
 * send's own answer, and the message carries no key to match: a send still on its way is taken as
 * shown once the thread has a message of this user's, from after Send was pressed, with its text (or
 * picture); each message answers for one send. Failed sends always stay, with Retry.
 */
export function sendsToShow(
  outbox: readonly PendingSend[],
  items: readonly ThreadItem[],
  myId: string | null,
): PendingSend[] {
  const taken = new Set<ThreadItem>();
  return outbox.filter((pending) => {
    if (pending.status !== 'sending') return true;
    const answer = items.find((item) => !taken.has(item) && isAnswerTo(pending, item, myId));
    if (!answer) return true;
    taken.add(answer);
    return false;
  });
}

export function createComposerModel({ api, conversation, ids }: ComposerDeps) {
  const draft = signal('');
  const outbox = signal<readonly PendingSend[]>([]);
  const inFlight = new Set<string>();
  const canSubmit = computed(() => draft.value.trim() !== '');

  const update = (localId: string, change: Partial<PendingSend>) => {
    outbox.value = outbox.value.map((p) => (p.localId === localId ? { ...p, ...change } : p));
  };

  async function dispatch(pending: PendingSend): Promise<boolean> {
    if (inFlight.has(pending.localId)) return false;
    inFlight.add(pending.localId);
    update(pending.localId, { status: 'sending', error: null });
    try {
      const res = await api.send(pending.conversationId, pending.body, pending.idempotencyKey);
      outbox.value = outbox.value.filter((p) => p.localId !== pending.localId);
      if (conversation.state.value?.conversationId === pending.conversationId) {
        conversation.applyState(res.conversation);
        if (conversation.viewingEarlier.value || !conversation.thread.value) await conversation.loadThread();
        conversation.putItem(res.message);
      }
      return true;
    } catch (error) {
      update(pending.localId, { status: 'failed', error: messageOf(error) });
      return false;
    } finally {
      inFlight.delete(pending.localId);
    }
  }

  /** Sends one written message under a new key (pressed Send); resolves to whether it was accepted. */
  function submit(body: SendMessageRequest, label = requestLabel(body)): Promise<boolean> {
    const conversationId = conversation.state.value?.conversationId;
    if (!conversationId) return Promise.resolve(false);
    const key = ids();
    const pending: PendingSend = {
      localId: key,
      conversationId,
      idempotencyKey: key,
      body,
      label,
      startedAt: conversation.serverNow.value,
      status: 'sending',
      error: null,
    };
    outbox.value = [...outbox.value, pending];
    return dispatch(pending);
  }

  return {
    draft,
    outbox,
    canSubmit,
    submit,
    /** The text in the composer: taken at once, so a second click finds nothing to send. */
    sendDraft(): Promise<boolean> {
      const text = draft.value.trim();
      // Too long for WhatsApp: the composer says so, and the text stays to be shortened.
      if (!text || text.length > TEXT_MAX) return Promise.resolve(false);
      draft.value = '';
      return submit({ type: 'text', text });
    },
    /** The same message again, with the same key (I4): the server answers with the first result. */
    retry(localId: string): Promise<boolean> {
      const pending = outbox.value.find((p) => p.localId === localId);
      return pending ? dispatch(pending) : Promise.resolve(false);
    },
    discard(localId: string) {
      outbox.value = outbox.value.filter((p) => p.localId !== localId || inFlight.has(localId));
    },
    /** Back into the composer to change it: a changed text is a new message with a new key. */
    edit(localId: string) {
      const pending = outbox.value.find((p) => p.localId === localId);
      if (pending?.body.type !== 'text' || inFlight.has(localId)) return;
      outbox.value = outbox.value.filter((p) => p.localId !== localId);
      draft.value = pending.body.text;
    },
    reset() {
      draft.value = '';
      outbox.value = outbox.value.filter((p) => inFlight.has(p.localId));
    },
  };
}

export type ComposerModel = ReturnType<typeof createComposerModel>;
