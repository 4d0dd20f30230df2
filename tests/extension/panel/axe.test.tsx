// A1: an axe scan of the panel's main states finds no violation of the rules a DOM without layout
// can check (names, roles, ARIA, structure). Contrast is checked in the browser tests; the colours
// are chosen for AA in panel.css.
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { BOB, CAROL, inbound, ME, outbound, state, thread } from './fixtures';
import { mount, noConsent } from './panel-mount';

afterEach(cleanup);

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.html).join(' | ')}`);
}

const busyThread = thread({
  items: [
    outbound({ id: 'a', state: 'queued', holdReason: 'window_closed' }),
    outbound({
      id: 'b',
      state: 'failed',
      failure: { code: 131026, reason: 'Not on WhatsApp.', nextStep: 'Send an SMS.' },
    }),
    inbound({ text: 'Hi' }),
    inbound({ id: 'w2', kind: 'image', mediaId: 'md-1', text: 'shop' }),
    { type: 'system', at: 9, text: 'Alice Martin added Bob Stone' },
  ],
});

describe('A1: axe', () => {
  it('a conversation with messages in every kind of state, and the details menu open', async () => {
    const { api } = mount(state({ participants: [ME, BOB], joinRequests: [CAROL] }), busyThread);
    api.picture.mockResolvedValue({ kind: 'binary', base64: '/9j/', contentType: 'image/jpeg' });
    await screen.findByRole('textbox', { name: 'Message' });
    expect(await violations()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Conversation details' }));
    expect(await violations()).toEqual([]);
  });

  it('the opt-in question, then the SMS question', async () => {
    mount(noConsent, null);
    await screen.findByRole('button', { name: 'Send opt-in' });
    expect(await violations()).toEqual([]);
    cleanup();
    mount({ ...noConsent, consent: 'not_on_whatsapp' }, null);
    await screen.findByRole('button', { name: 'Yes' });
    expect(await violations()).toEqual([]);
  });

  it('opted out (everything disabled with reasons) and the + menu open', async () => {
    mount(state({ consent: 'opted_out', canSendText: false, canSendTemplate: false, textHint: 'opted_out' }));
    await screen.findByRole('textbox', { name: 'Message' });
    fireEvent.click(screen.getByRole('button', { name: 'More: templates and pictures' }));
    expect(await violations()).toEqual([]);
  });

  it('the template picker with a template chosen', async () => {
    const { api } = mount(state());
    api.templates.mockResolvedValue({
      templates: [
        {
          id: 't',
          name: 'order_update',
          language: 'en_US',
          category: 'UTILITY',
          components: [{ type: 'BODY', text: 'Order {{1}} is ready.' }],
          variables: [{ key: 'body.1', component: 'BODY', placeholder: '1', source: 'typed' }],
        },
      ],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'More: templates and pictures' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Templates' }));
    fireEvent.click(await screen.findByRole('radio', { name: 'Order update (en_US)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByRole('alert');
    expect(await violations()).toEqual([]);
  });

  it('someone else’s conversation, and the lists', async () => {
    const occupied = state({ participants: [BOB], youAreParticipant: false });
    const { api, panel } = mount(occupied, null);
    api.start.mockResolvedValue({
      outcome: 'occupied',
      participants: [BOB],
      canRequestJoin: true,
      conversation: occupied,
    });
    await screen.findByRole('button', { name: 'Ask to join' });
    expect(await violations()).toEqual([]);
    api.threads.mockResolvedValue({ threads: [] });
    api.unassigned.mockResolvedValue({ conversations: [] });
    act(() => panel.surface.showList('history'));
    await screen.findByText('No conversations yet.');
    expect(await violations()).toEqual([]);
  });
});
