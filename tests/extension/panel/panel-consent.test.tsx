// The whole panel over fake ports (1/2), as the seed's stories go: the opt-in and its outcomes,
// chatting with live updates, templates, and the window closing by itself (B1, B2, B7, B8, B9, A1).
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { HOUR } from '../../../shared/time';
import { inbound, ME, outbound, state, T0, thread } from './fixtures';
import { mount, noConsent, pending } from './panel-mount';

afterEach(cleanup);

describe('the panel: consent and chat', () => {
  it('B1: a contact without consent — the header, the question, then "pending" once confirmed', async () => {
    const { api } = mount(noConsent, null);
    await screen.findByRole('heading', { level: 1, name: 'Samuel Johnson' });
    // The number as people read it, not the API's E.164.
    expect(screen.getByText('+1 415 555 0101')).toBeTruthy();
    expect(screen.getByText('No consent yet')).toBeTruthy();
    api.requestOptIn.mockResolvedValue({
      message: outbound({ id: 'm-o', kind: 'opt_in', state: 'sent', text: 'Acme would like to message you' }),
      conversation: pending,
    });
    api.thread.mockResolvedValue(thread());
    fireEvent.click(await screen.findByRole('button', { name: 'Send opt-in' }));
    await screen.findByText('Opt-in sent, waiting for an answer');
    expect(api.requestOptIn).toHaveBeenCalledTimes(1);
    const log = screen.getByRole('log', { name: 'Messages' });
    expect(log.textContent).toContain('Acme would like to message you');
    expect(screen.getByText('Opt-in sent. Waiting for Samuel Johnson to answer.')).toBeTruthy();
    const again = screen.getByRole('button', { name: 'Send a new opt-in' }) as HTMLButtonElement;
    expect(again.disabled).toBe(true);
    expect(
      screen.getByText('A new opt-in can be sent in 24 h 00 min (24 hours after the last one).'),
    ).toBeTruthy();
    // B4: texts written meanwhile are queued, and the composer says so.
    expect(screen.getByText(/what you send is queued and goes out once they accept/)).toBeTruthy();
  });

  it('B2a: not on WhatsApp — Yes hands the number to SMS, No returns', async () => {
    const { api, smsHandOff } = mount(noConsent, null);
    api.requestOptIn.mockResolvedValue({
      message: outbound({
        kind: 'opt_in',
        state: 'failed',
        failure: {
          code: 131026,
          reason: 'This number cannot receive WhatsApp messages.',
          nextStep: 'Send an SMS instead.',
        },
      }),
      conversation: {
        ...noConsent,
        consent: 'not_on_whatsapp',
        participants: [ME],
        youAreParticipant: true,
        threadId: 'th-1',
      },
    });
    api.thread.mockResolvedValue(thread());
    fireEvent.click(await screen.findByRole('button', { name: 'Send opt-in' }));
    await screen.findByRole('alertdialog', {
      name: "Samuel Johnson isn't on WhatsApp. Send an SMS instead?",
    });
    fireEvent.click(screen.getByRole('button', { name: 'Yes' }));
    expect(smsHandOff).toHaveBeenCalledWith('sms:+14155550101');
    expect(screen.getByRole('link', { name: 'send an SMS to +14155550101' }).getAttribute('href')).toBe(
      'sms:+14155550101',
    );
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('B2c: opted out — composer and templates disabled with the reason', async () => {
    mount(state({ consent: 'opted_out', canSendText: false, canSendTemplate: false, textHint: 'opted_out' }));
    const box = (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
    expect(box.disabled).toBe(true);
    const reason = 'Samuel Johnson opted out of WhatsApp messages. They can opt in again by replying "yes".';
    expect(screen.getByText(reason)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'More: templates and pictures' }));
    const templates = screen.getByRole('menuitem', { name: 'Templates' });
    expect(templates.getAttribute('aria-disabled')).toBe('true');
    expect(templates.textContent).toContain(reason);
  });

  it('B8: the window closes by itself — header and composer switch to "template required"', async () => {
    const { clock } = mount(state({ window: { open: true, expiresAt: T0 + HOUR + 30_000 } }));
    await screen.findByText('Window open: 1 h 00 min left');
    act(() => clock.advance(HOUR));
    expect(screen.getByText('Window closes in 30 s')).toBeTruthy();
    act(() => clock.advance(30_000));
    expect(screen.getByText('Window closed: template required')).toBeTruthy();
    expect(screen.getByText(/^Template required: the 24-hour window is closed/)).toBeTruthy();
  });

  it('B9, A1: a message goes out once with its key; the customer’s reply appears live and is announced', async () => {
    const { api, live } = mount(state());
    const box = await screen.findByRole('textbox', { name: 'Message' });
    api.send.mockResolvedValue({
      message: outbound({ id: 'm-5', text: 'Hello Samuel', state: 'sending' }),
      conversation: state(),
      duplicate: false,
    });
    fireEvent.input(box, { target: { value: 'Hello Samuel' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.keyDown(box, { key: 'Enter' });
    const log = screen.getByRole('log', { name: 'Messages' });
    await waitFor(() => expect(log.textContent).toContain('Sending'));
    expect(api.send).toHaveBeenCalledTimes(1);
    expect(api.send).toHaveBeenCalledWith('conv-1', { type: 'text', text: 'Hello Samuel' }, 'key-1');
    act(() => {
      live.emit({
        type: 'item',
        conversationId: 'conv-1',
        threadId: 'th-1',
        item: outbound({ id: 'm-5', text: 'Hello Samuel', state: 'read' }),
      });
      live.emit({
        type: 'item',
        conversationId: 'conv-1',
        threadId: 'th-1',
        item: inbound({ text: 'Yes, thanks!' }),
      });
    });
    await waitFor(() => expect(log.textContent).toContain('Yes, thanks!'));
    expect(log.textContent).toContain('Read');
    await waitFor(() =>
      expect(screen.getByText('Samuel Johnson: Yes, thanks!', { selector: '[aria-live]' })).toBeTruthy(),
    );
  });

  it('B7: a template with a typed field is previewed and sent', async () => {
    const { api } = mount(
      state({ window: { open: false, expiresAt: null }, canSendText: false, textHint: 'template_required' }),
    );
    api.templates.mockResolvedValue({
      templates: [
        {
          id: 'tpl-1',
          name: 'order_update',
          language: 'en_US',
          category: 'UTILITY',
          components: [{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} is ready.' }],
          variables: [
            { key: 'body.1', component: 'BODY', placeholder: '1', source: 'contact_first_name' },
            { key: 'body.2', component: 'BODY', placeholder: '2', source: 'typed' },
          ],
        },
      ],
    });
    api.send.mockResolvedValue({
      message: outbound({ kind: 'template', text: 'Hi Samuel, your order A-1 is ready.' }),
      conversation: state(),
      duplicate: false,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'More: templates and pictures' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Templates' }));
    fireEvent.click(await screen.findByRole('radio', { name: 'Order update (en_US)' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Field 2 of the message' }), {
      target: { value: 'A-1' },
    });
    const preview = screen.getByRole('region', { name: 'Preview: as Samuel Johnson will see it' });
    expect(preview.textContent).toContain('Hi Samuel, your order A-1 is ready.');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() =>
      expect(api.send).toHaveBeenCalledWith(
        'conv-1',
        { type: 'template', name: 'order_update', language: 'en_US', params: { 'body.2': 'A-1' } },
        'key-1',
      ),
    );
  });
});
