// B11 (History, newest first, opening read-only) and B22 (Unassigned, claiming, live refresh).
import { describe, expect, it, vi } from 'vitest';
import { createListsModel } from '../../../extension/models/panel/lists';
import { createLiveHub } from '../../../extension/models/panel/live-hub';
import { BOB, contact, fakeApi, settle, state, T0 } from './fixtures';

const summary = (threadId: string, lastAt: number, readOnly = false) => ({
  conversationId: 'conv-1',
  threadId,
  contact: { id: contact.id, name: contact.name, phone: contact.phone },
  startedAt: T0,
  endedAt: readOnly ? T0 + 1 : null,
  lastAt,
  lastText: `last of ${threadId}`,
  readOnly,
});
const waiting = {
  conversationId: 'conv-9',
  contact: { id: 'c-ana', name: 'Ana Souza', phone: '+5511912345678' },
  since: T0,
  lastAt: T0,
  lastText: 'Olá',
};

function setup() {
  const api = fakeApi();
  const live = createLiveHub();
  const show = vi.fn();
  const lists = createListsModel({ api, live, show });
  return { api, live, show, lists };
}

describe('lists', () => {
  it('B11: history newest first; an old thread opens by its id', async () => {
    const { api, lists, show } = setup();
    api.threads.mockResolvedValue({ threads: [summary('th-0', T0, true), summary('th-1', T0 + 10)] });
    await lists.loadHistory();
    expect(lists.history.value?.map((t) => t.threadId)).toEqual(['th-1', 'th-0']);
    lists.open(summary('th-0', T0, true));
    expect(show).toHaveBeenCalledWith({ contactId: contact.id, conversationId: 'conv-1', threadId: 'th-0' });
  });

  it('B22: claiming starts the conversation and opens it', async () => {
    const { api, lists, show } = setup();
    api.start.mockResolvedValue({
      outcome: 'claimed',
      participants: [],
      canRequestJoin: false,
      conversation: state(),
    });
    await lists.claim(waiting);
    expect(api.start).toHaveBeenCalledWith('c-ana');
    expect(show).toHaveBeenCalledWith({ contactId: 'c-ana', conversationId: 'conv-9', threadId: null });
  });

  it('B22: someone faster took it — named, and the list refreshed', async () => {
    const { api, lists, show } = setup();
    api.start.mockResolvedValue({
      outcome: 'occupied',
      participants: [BOB],
      canRequestJoin: true,
      conversation: state(),
    });
    api.unassigned.mockResolvedValue({ conversations: [] });
    await lists.claim(waiting);
    expect(lists.claimError.value).toBe('Bob Stone already took the conversation with Ana Souza.');
    expect(show).not.toHaveBeenCalled();
    expect(lists.unassigned.value).toEqual([]);
  });

  it('B11 / B22: after the live socket was down, both lists shown are read afresh', async () => {
    const { api, live, lists } = setup();
    api.unassigned.mockResolvedValue({ conversations: [] });
    api.threads.mockResolvedValue({ threads: [] });
    await Promise.all([lists.loadUnassigned(), lists.loadHistory()]);
    api.unassigned.mockResolvedValue({ conversations: [waiting] });
    api.threads.mockResolvedValue({ threads: [summary('th-1', T0 + 10)] });
    live.emit({ type: 'live_resumed' });
    await settle();
    expect(lists.unassigned.value?.map((u) => u.contact.name)).toEqual(['Ana Souza']);
    expect(lists.history.value?.map((t) => t.threadId)).toEqual(['th-1']);
  });

  it('B22: an "unassigned" frame refreshes the list once it is shown', async () => {
    const { api, live, lists } = setup();
    api.unassigned.mockResolvedValue({ conversations: [] });
    await lists.loadUnassigned();
    api.unassigned.mockResolvedValue({ conversations: [waiting] });
    live.emit({ type: 'unassigned', conversationId: 'conv-9', contactId: 'c-ana' });
    await settle();
    expect(lists.unassigned.value?.map((u) => u.contact.name)).toEqual(['Ana Souza']);
  });
});
