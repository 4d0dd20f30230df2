// Issue 10 (SPEC §2): linking a WhatsApp username customer to the CRM record open in the panel — the
// offer appears only on a record with a number and nothing written yet, lists the username-only
// customers of the user's history, and the link makes them one contact whose conversation is shown.
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../../../extension/api/transport';
import { LinkOffer } from '../../../extension/components/panel/LinkOffer';
import { addressLine, isUsernameOnly } from '../../../extension/models/panel/identity';
import { createLinkModel, linkCandidates } from '../../../extension/models/panel/link';
import type { ThreadSummary } from '../../../extension/models/panel/lists';
import { contact, state, T0 } from './fixtures';
import { loadedConversation } from './helpers';

const lena = { id: 'c-lena', name: 'Lena Fischer', phone: '', username: '@lena.fischer' };

function summary(c: ThreadSummary['contact'], n: number): ThreadSummary {
  return {
    conversationId: `conv-${c.id}`,
    threadId: `th-${c.id}-${n}`,
    contact: c,
    startedAt: T0,
    endedAt: null,
    lastAt: T0 + n,
    lastText: 'Hallo',
    readOnly: false,
  };
}

async function setup(opts: { written?: boolean } = {}) {
  const written = opts.written ?? false;
  const env = await loadedConversation(
    state({ participants: written ? state().participants : [], threadId: written ? 'th-1' : null }),
  );
  if (!written) env.conversation.thread.value = null;
  const show = vi.fn();
  const link = createLinkModel({ api: env.api, conversation: env.conversation, show });
  return { ...env, show, link };
}

describe('issue 10: who a customer is, in the panel', () => {
  it('a username customer is named by username, said to hide the number; others by number', () => {
    expect(addressLine(lena)).toBe('@lena.fischer · number hidden');
    expect(addressLine(contact)).toBe('+1 415 555 0101');
    expect(isUsernameOnly(lena)).toBe(true);
    expect(isUsernameOnly({ phone: '+491701234567', username: '@lena.fischer' })).toBe(false);
  });

  it('candidates: username-only customers of the history, once each, never the record shown', () => {
    const samuel = { id: contact.id, name: contact.name, phone: contact.phone };
    const threads = [summary(lena, 2), summary(samuel, 1), summary(lena, 1)];
    expect(linkCandidates(threads, contact.id)).toEqual([lena]);
    expect(linkCandidates(threads, lena.id)).toEqual([]);
  });
});

describe('issue 10: linking a username customer to the record open in the panel', () => {
  it('is offered on a record with a number and nothing written yet, not once a conversation runs', async () => {
    expect((await setup()).link.isOfferable.value).toBe(true);
    expect((await setup({ written: true })).link.isOfferable.value).toBe(false);
  });

  it('links the chosen customer to the record and shows the merged contact’s conversation', async () => {
    const { api, link, show } = await setup();
    api.threads.mockResolvedValue({ threads: [summary(lena, 1)] });
    api.linkContact.mockResolvedValue({ ...contact, username: lena.username, waIds: ['US.123'] });
    await link.load();
    link.show();
    expect(link.chosen.value).toBe('c-lena'); // the only candidate is preselected
    expect(await link.link()).toBe(true);
    expect(api.linkContact).toHaveBeenCalledWith('c-samuel', 'c-lena');
    expect(show).toHaveBeenCalledWith({ contactId: 'c-samuel', conversationId: null, threadId: null });
    expect(link.open.value).toBe(false);
  });

  it('a refusal (both already have a conversation) is shown and nothing else happens', async () => {
    const { api, link, show } = await setup();
    api.threads.mockResolvedValue({ threads: [summary(lena, 1)] });
    api.linkContact.mockRejectedValue(
      new ApiFailure(409, 'both_have_conversations', 'Both contacts already have a conversation.'),
    );
    await link.load();
    link.show();
    expect(await link.link()).toBe(false);
    expect(link.error.value).toBe('Both contacts already have a conversation.');
    expect(link.open.value).toBe(true);
    expect(show).not.toHaveBeenCalled();
  });

  it('the form lists each customer by name and username and confirms with the name', async () => {
    const onLink = vi.fn();
    const onChoose = vi.fn();
    const props = {
      recordName: 'Lena Fischer',
      candidates: [lena, { id: 'c-kai', name: 'Kai Berg', phone: '', username: '@kai' }],
      chosen: null as string | null,
      busy: false,
      error: null,
      onOpen: vi.fn(),
      onChoose,
      onLink,
      onCancel: vi.fn(),
    };
    const { rerender } = render(<LinkOffer {...props} open={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Link a WhatsApp username…' }));
    expect(props.onOpen).toHaveBeenCalled();
    rerender(<LinkOffer {...props} open={true} />);
    expect(screen.getByRole('button', { name: 'Link' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('radio', { name: 'Lena Fischer (@lena.fischer)' }));
    expect(onChoose).toHaveBeenCalledWith('c-lena');
    rerender(<LinkOffer {...props} open={true} chosen="c-lena" />);
    fireEvent.click(screen.getByRole('button', { name: 'Link Lena Fischer to this record' }));
    expect(onLink).toHaveBeenCalled();
  });

  it('nothing is offered when no username customer is in the history', () => {
    const { container } = render(
      <LinkOffer
        recordName="Samuel Johnson"
        candidates={[]}
        open={false}
        chosen={null}
        busy={false}
        error={null}
        onOpen={vi.fn()}
        onChoose={vi.fn()}
        onLink={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    expect(container.textContent).toBe('');
  });
});
