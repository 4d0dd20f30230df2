// The conversation model with fake ports: loading, live frames without reload, the window closing by
// itself on a fake clock, access ending, and stale answers ignored (B8, B9, B11, B15, B22).
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../extension/api/transport';
import { ACCESS_ENDED, createConversationModel } from '../../../extension/models/panel/conversation';
import { createLiveHub } from '../../../extension/models/panel/live-hub';
import { composerAvailability } from '../../../extension/models/panel/status';
import { HOUR, MINUTE } from '../../../shared/time';
import {
  BOB,
  contact,
  fakeApi,
  fakeClock,
  fakeMessaging,
  inbound,
  ME,
  outbound,
  settle,
  state,
  T0,
  thread,
} from './fixtures';

const target = { contactId: contact.id, conversationId: null, threadId: null };

function setup(s = state(), t = thread()) {
  const api = fakeApi();
  const messaging = fakeMessaging();
  const clock = fakeClock();
  const live = createLiveHub();
  api.contact.mockResolvedValue(contact);
  api.whatsapp.mockResolvedValue(s);
  api.thread.mockResolvedValue(t);
  const model = createConversationModel({ api, messaging, clock, live, myId: () => ME.userId });
  return { api, messaging, clock, live, model };
}

/** A panel loaded on Samuel while Bob is in his conversation (occupied; this user may ask to join). */
async function occupiedByBob() {
  const occupied = state({ participants: [BOB], youAreParticipant: false });
  const env = setup(occupied);
  env.api.thread.mockRejectedValue(new ApiFailure(404, 'not_found', 'x'));
  env.api.start.mockResolvedValue({
    outcome: 'occupied',
    participants: [BOB],
    canRequestJoin: true,
    conversation: occupied,
  });
  await env.model.load(target);
  return { ...env, occupied };
}

describe('conversation model', () => {
  it('loads the contact, the state and the current thread, and marks it seen', async () => {
    const { api, messaging, model } = setup(state(), thread({ items: [inbound()] }));
    await model.load(target);
    expect(api.whatsapp).toHaveBeenCalledWith(contact.id);
    expect(api.thread).toHaveBeenCalledWith('conv-1', undefined);
    expect(model.contact.value?.name).toBe('Samuel Johnson');
    expect(model.mode.value).toBe('conversation');
    expect(model.thread.value?.items).toHaveLength(1);
    expect(messaging.markSeen).toHaveBeenCalledWith('conv-1');
  });

  it('B11: opens the thread the target names (history)', async () => {
    const { api, model } = setup(state(), thread({ threadId: 'th-0', readOnly: true }));
    await model.load({ ...target, threadId: 'th-0' });
    expect(api.thread).toHaveBeenCalledWith('conv-1', 'th-0');
    expect(model.viewingEarlier.value).toBe(true);
  });

  it('shows the API’s message when the contact cannot be loaded', async () => {
    const { api, model } = setup();
    api.contact.mockRejectedValue(new ApiFailure(404, 'not_found', 'Contact not found.'));
    await model.load(target);
    expect(model.loadError.value).toBe('Contact not found.');
  });

  it('no readable thread yet (404) is not an error', async () => {
    const { api, model } = setup(state({ youAreParticipant: false, participants: [], threadId: null }));
    api.thread.mockRejectedValue(
      new ApiFailure(404, 'not_found', 'No thread of this conversation you may read.'),
    );
    await model.load(target);
    expect(model.thread.value).toBeNull();
    expect(model.actionError.value).toBeNull();
  });

  it('B22: occupied — asks the server whether this user may ask to join', async () => {
    const { model } = await occupiedByBob();
    expect(model.mode.value).toBe('occupied');
    expect(model.canRequestJoin.value).toBe(true);
  });

  it('ignores the answers for a contact the user already left for another (tab switch)', async () => {
    const { api, model } = setup();
    let release: (v: typeof contact) => void = () => undefined;
    api.contact.mockImplementationOnce(() => new Promise((r) => (release = r)));
    const first = model.load(target);
    const second = model.load({ ...target, contactId: 'c-maria' });
    release({ ...contact, name: 'Stale' });
    await Promise.all([first, second]);
    expect(model.contact.value?.name).toBe('Samuel Johnson');
    expect(model.target.value?.contactId).toBe('c-maria');
  });

  it('B8: the window countdown follows the server clock and the panel switches to "template required" by itself', async () => {
    // The server is 5 minutes ahead of this computer.
    const s = state({
      serverNow: T0 + 5 * MINUTE,
      window: { open: true, expiresAt: T0 + 5 * MINUTE + HOUR },
    });
    const { api, clock, model } = setup(s);
    await model.load(target);
    const note = () => composerAvailability(model.state.value ?? s, model.serverNow.value, 'Samuel').note;
    expect(note()).toBeNull();
    clock.advance(HOUR - 1000);
    expect(model.current.value?.window.open).toBe(true);
    clock.advance(1000);
    expect(model.current.value?.window.open).toBe(false);
    expect(note()).toMatch(/^Template required/);
    expect(api.whatsapp).toHaveBeenCalledTimes(1);
  });

  it('B9: live items are added and updated without a reload, and new ones are announced', async () => {
    const { live, model } = setup(state(), thread({ items: [outbound({ state: 'sent' })] }));
    await model.load(target);
    live.emit({
      type: 'item',
      conversationId: 'conv-1',
      threadId: 'th-1',
      item: outbound({ state: 'delivered' }),
    });
    expect(model.thread.value?.items[0]).toMatchObject({ state: 'delivered' });
    live.emit({
      type: 'item',
      conversationId: 'conv-1',
      threadId: 'th-1',
      item: inbound({ text: 'Thanks!' }),
    });
    await settle();
    expect(model.thread.value?.items).toHaveLength(2);
    expect(model.announcement.value).toBe('Samuel Johnson: Thanks!');
  });

  it('ignores frames of other conversations and other threads', async () => {
    const { live, model } = setup();
    await model.load(target);
    live.emit({ type: 'item', conversationId: 'conv-2', threadId: 'th-1', item: inbound() });
    live.emit({ type: 'item', conversationId: 'conv-1', threadId: 'th-9', item: inbound() });
    expect(model.thread.value?.items).toHaveLength(0);
  });

  it('a "conversation" frame fetches the state again (consent, window, participants)', async () => {
    const { api, live, model } = setup(state({ consent: 'pending' }));
    await model.load(target);
    api.whatsapp.mockResolvedValue(state({ consent: 'opted_in' }));
    live.emit({ type: 'conversation', conversationId: 'conv-1', contactId: contact.id });
    await settle();
    expect(model.state.value?.consent).toBe('opted_in');
  });

  it('B8: after the live socket was down, the state and the thread are read afresh (missed items appear)', async () => {
    const { api, live, model } = setup(state({ consent: 'pending' }), thread({ items: [inbound()] }));
    await model.load(target);
    api.whatsapp.mockResolvedValue(state({ consent: 'opted_in' }));
    api.thread.mockResolvedValue(
      thread({ items: [inbound(), inbound({ id: 'wamid.missed', text: 'Missed?' })] }),
    );
    live.emit({ type: 'live_resumed' });
    await settle();
    expect(model.state.value?.consent).toBe('opted_in');
    expect(model.thread.value?.items.map((i) => ('text' in i ? i.text : null))).toContain('Missed?');
  });

  it('B15: removed — the thread is cleared and the panel says access ended', async () => {
    const { api, live, model } = setup(state(), thread({ items: [inbound()] }));
    await model.load(target);
    api.whatsapp.mockResolvedValue(state({ participants: [BOB], youAreParticipant: false }));
    live.emit({ type: 'access_revoked', conversationId: 'conv-1' });
    expect(model.thread.value).toBeNull();
    expect(model.notice.value).toBe(ACCESS_ENDED);
    await settle();
    expect(model.announcement.value).toBe(ACCESS_ENDED);
    expect(model.mode.value).toBe('occupied');
  });

  it('B22: told that a request to join was declined, the panel says so and offers to ask again; asking clears it', async () => {
    const { live, model, occupied } = await occupiedByBob();
    const said = 'Bob Keller declined your request to join';
    live.emit({ type: 'conversation', conversationId: 'conv-1', contactId: contact.id, text: said });
    await settle();
    expect(model.notice.value).toBe(said);
    expect(model.announcement.value).toBe(said);
    expect(model.mode.value).toBe('occupied');
    model.applyState(state({ ...occupied, joinRequests: [{ userId: ME.userId, name: ME.name }] }));
    expect(model.notice.value).toBeNull();
  });

  it('B15 / B16: removed, then handed the conversation again — the "removed" notice goes, the thread comes back', async () => {
    const { api, live, model } = setup(state(), thread({ items: [inbound()] }));
    await model.load(target);
    api.whatsapp.mockResolvedValue(state({ participants: [BOB], youAreParticipant: false }));
    live.emit({ type: 'access_revoked', conversationId: 'conv-1' });
    await settle();
    expect(model.notice.value).toBe(ACCESS_ENDED);
    api.whatsapp.mockResolvedValue(state());
    live.emit({ type: 'conversation', conversationId: 'conv-1', contactId: contact.id });
    await settle();
    expect(model.mode.value).toBe('conversation');
    expect(model.notice.value).toBeNull();
    expect(model.thread.value?.items).toHaveLength(1);
  });

  it('B13 / A1: added to a conversation it was watching, the panel shows the thread and reads out why', async () => {
    const { api, live, model } = setup(state({ participants: [BOB], youAreParticipant: false }));
    api.thread.mockRejectedValueOnce(new ApiFailure(404, 'not_found', 'x'));
    api.start.mockResolvedValue({
      outcome: 'occupied',
      participants: [BOB],
      canRequestJoin: true,
      conversation: state({ participants: [BOB], youAreParticipant: false }),
    });
    await model.load(target);
    expect(model.mode.value).toBe('occupied');
    const added = { type: 'system' as const, at: T0 + 1000, text: 'Bob Keller added Alice Martin' };
    api.whatsapp.mockResolvedValue(state({ participants: [BOB, ME] }));
    api.thread.mockResolvedValue(thread({ items: [inbound(), added] }));
    live.emit({ type: 'conversation', conversationId: 'conv-1', contactId: contact.id });
    await settle();
    expect(model.mode.value).toBe('conversation');
    expect(model.thread.value?.items).toHaveLength(2);
    expect(model.announcement.value).toBe('Bob Keller added Alice Martin');
  });

  it('B17: start opens a new thread; occupied says who and whether to ask', async () => {
    const { api, model } = setup(state({ participants: [], youAreParticipant: false, threadId: null }));
    api.thread.mockRejectedValueOnce(new ApiFailure(404, 'not_found', 'x'));
    await model.load(target);
    expect(model.mode.value).toBe('start');
    api.start.mockResolvedValue({
      outcome: 'started',
      participants: [ME],
      canRequestJoin: false,
      conversation: state(),
    });
    await model.start();
    expect(model.mode.value).toBe('conversation');
    expect(api.thread).toHaveBeenLastCalledWith('conv-1', undefined);
  });

  it('stops its clock and frames when disposed', async () => {
    const { clock, live, model } = setup();
    await model.load(target);
    model.dispose();
    const before = model.now.value;
    clock.advance(5000);
    live.emit({ type: 'item', conversationId: 'conv-1', threadId: 'th-1', item: inbound() });
    expect(model.now.value).toBe(before);
    expect(model.thread.value?.items).toHaveLength(0);
  });
});
