// The whole panel over fake ports (2/2): teamwork, being removed, other teams' conversations, join
// requests, the lists without a contact, and signing in (B11, B15, B22).
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PanelApp } from '../../../extension/components/panel/PanelApp';
import { createLiveHub } from '../../../extension/models/panel/live-hub';
import { createPanel } from '../../../extension/models/panel/panel';
import {
  BOB,
  CAROL,
  contact,
  fakeApi,
  fakeClock,
  fakeMessaging,
  inbound,
  ME,
  session,
  state,
  T0,
  thread,
} from './fixtures';
import { mount } from './panel-mount';

afterEach(cleanup);

describe('the panel: teamwork and lists', () => {
  it('B15: remove a participant after a confirmation naming them', async () => {
    const { api } = mount(state({ participants: [ME, BOB] }));
    fireEvent.click(await screen.findByRole('button', { name: 'Conversation details' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Remove participant' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Bob Stone…' }));
    // A1: what cannot be undone starts on Cancel; closing gives focus back to the details button.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    api.removeParticipant.mockResolvedValue({ conversation: state() });
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove Bob Stone' }));
    await waitFor(() => expect(api.removeParticipant).toHaveBeenCalledWith('conv-1', BOB.userId));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Conversation details' })),
    );
  });

  it('B15: the removed user sees the thread cleared and that access ended', async () => {
    const { api, live } = mount(
      state({ participants: [ME, BOB] }),
      thread({ items: [inbound({ text: 'secret' })] }),
    );
    await screen.findByText('secret');
    api.whatsapp.mockResolvedValue(state({ participants: [BOB], youAreParticipant: false }));
    api.start.mockResolvedValue({
      outcome: 'occupied',
      participants: [BOB],
      canRequestJoin: false,
      conversation: state({ participants: [BOB], youAreParticipant: false }),
    });
    act(() => live.emit({ type: 'access_revoked', conversationId: 'conv-1' }));
    await waitFor(() => expect(screen.queryByText('secret')).toBeNull());
    expect(
      screen.getAllByText('Your access to this conversation ended: a colleague removed you.').length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    await screen.findByText(/You cannot join/);
  });

  it('B22: another sub-org’s conversation — who is in it, and no way in', async () => {
    const occupied = state({ participants: [CAROL], youAreParticipant: false });
    const { api } = mount(occupied, null);
    api.start.mockResolvedValue({
      outcome: 'occupied',
      participants: [CAROL],
      canRequestJoin: false,
      conversation: occupied,
    });
    await screen.findByText('Carol King is in the conversation with Samuel Johnson.');
    await screen.findByText(/You cannot join/);
    expect(screen.queryByRole('button', { name: 'Ask to join' })).toBeNull();
  });

  it('B22: a participant accepts a join request', async () => {
    const { api } = mount(state({ joinRequests: [BOB] }));
    const requests = await screen.findByRole('region', { name: 'Join requests' });
    api.answerJoin.mockResolvedValue({ conversation: state({ participants: [ME, BOB] }) });
    fireEvent.click(within(requests).getByRole('button', { name: 'Accept Bob Stone' }));
    await waitFor(() => expect(api.answerJoin).toHaveBeenCalledWith('conv-1', BOB.userId, true));
  });

  it('B11, B22: without a contact, History and Unassigned; claiming opens the conversation', async () => {
    const api0 = mount(state(), thread(), '');
    const { api, messaging, panel } = api0;
    // Side panel with no contact in the active tab.
    await waitFor(() => expect(messaging.getPanelTarget).toHaveBeenCalledWith(7));
    expect(panel.surface.view.value).toBe('lists');
    api.threads.mockResolvedValue({ threads: [] });
    api.unassigned.mockResolvedValue({
      conversations: [
        {
          conversationId: 'conv-1',
          contact: { id: contact.id, name: contact.name, phone: contact.phone },
          since: T0,
          lastAt: T0,
          lastText: 'Anyone there?',
        },
      ],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Refresh lists' }));
    api.start.mockResolvedValue({
      outcome: 'claimed',
      participants: [ME],
      canRequestJoin: false,
      conversation: state(),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Take conversation with Samuel Johnson' }));
    await waitFor(() =>
      expect(messaging.showConversation).toHaveBeenCalledWith(7, {
        contactId: contact.id,
        conversationId: 'conv-1',
        threadId: null,
      }),
    );
    await screen.findByRole('textbox', { name: 'Message' });
  });

  it('B22: a shown Unassigned list is fetched again every 30 s (only last participants get a frame)', async () => {
    const { api, clock, panel } = mount(state(), thread(), '');
    api.threads.mockResolvedValue({ threads: [] });
    api.unassigned.mockResolvedValue({ conversations: [] });
    await waitFor(() => expect(panel.surface.view.value).toBe('lists'));
    const before = api.unassigned.mock.calls.length;
    act(() => clock.advance(30_000));
    expect(api.unassigned.mock.calls.length).toBe(before + 1);
    act(() => panel.surface.show({ contactId: contact.id, conversationId: null, threadId: null }));
    act(() => clock.advance(30_000));
    expect(api.unassigned.mock.calls.length).toBe(before + 1);
  });

  it('signed out: says so and leads to the options page', async () => {
    const { messaging } = { messaging: fakeMessaging() };
    messaging.getStatus.mockResolvedValue({
      ...session,
      signedIn: false,
      user: null,
      org: null,
      enabled: false,
    });
    const api = fakeApi();
    const onOpenOptions = vi.fn();
    const panel = createPanel({
      api,
      messaging,
      clock: fakeClock(),
      ids: () => 'k',
      live: createLiveHub(),
      urls: { create: () => '', revoke: vi.fn() },
      camera: { permission: async () => 'prompt', open: vi.fn(), openGrantPage: vi.fn() },
      smsHandOff: vi.fn(),
      tabs: { activeTab: async () => null, currentTab: async () => null, onActivated: () => () => undefined },
      search: '',
      replaceSearch: vi.fn(),
    });
    render(<PanelApp panel={panel} onOpenOptions={onOpenOptions} />);
    await panel.start();
    fireEvent.click(await screen.findByRole('button', { name: 'Open Greenline options' }));
    expect(onOpenOptions).toHaveBeenCalled();
    expect(screen.getByText('Sign in to Greenline to message your contacts on WhatsApp.')).toBeTruthy();
  });
});
