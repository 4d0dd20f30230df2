// Presentational pieces as a user meets them (1/2): the opt-in prompts, the composer and its '+'
// menu, and menu keyboard use — what they read, what is disabled and why (A1).
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from '../../../extension/components/panel/Composer';
import { Menu } from '../../../extension/components/panel/Menu';
import { OptInBanner, OptInQuestion, SmsQuestion } from '../../../extension/components/panel/OptInPrompt';
import type { Availability } from '../../../extension/models/panel/status';

afterEach(cleanup);

const open: Availability = { enabled: true, reason: null, note: null };
const plus = { templates: open, pictures: open, onTemplates: vi.fn(), onFile: vi.fn(), onCamera: vi.fn() };

describe('opt-in prompts (B1, B2)', () => {
  it('B1: asks "Send the opt-in message to <name>?" with Send opt-in and Cancel', () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    render(
      <OptInQuestion
        name="Samuel Johnson"
        availability={{ ...open, offered: true, waitMs: null }}
        sending={false}
        onConfirm={onConfirm}
        onCancel={onCancel}
      />,
    );
    const dialog = screen.getByRole('alertdialog', { name: 'Send the opt-in message to Samuel Johnson?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Send opt-in' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send opt-in' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('B2: while an opt-in may not go yet, "Send opt-in" is disabled and says when it may', () => {
    const reason = 'A new opt-in can be sent in 3 h 00 min (24 hours after the last one).';
    render(
      <OptInQuestion
        name="Ana"
        availability={{ enabled: false, reason, note: null, offered: true, waitMs: 1 }}
        sending={false}
        onConfirm={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    const button = screen.getByRole('button', { name: 'Send opt-in' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent).toBe(reason);
  });

  it('B2d: a new opt-in is disabled with the countdown as its reason', () => {
    const reason = 'A new opt-in can be sent in 23 h 05 min (24 hours after the last one).';
    render(
      <OptInBanner
        name="Maria"
        consent="pending"
        availability={{ enabled: false, reason, note: null, offered: true, waitMs: 1 }}
        sending={false}
        onAsk={vi.fn()}
      />,
    );
    expect(screen.getByText('Opt-in sent. Waiting for Maria to answer.')).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Send a new opt-in' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent).toBe(reason);
  });

  it('B2a: "<name> isn\'t on WhatsApp. Send an SMS instead?" Yes / No', () => {
    const onAnswer = vi.fn();
    render(<SmsQuestion name="Sam" onAnswer={onAnswer} />);
    screen.getByRole('alertdialog', { name: "Sam isn't on WhatsApp. Send an SMS instead?" });
    fireEvent.click(screen.getByRole('button', { name: 'No' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes' }));
    expect(onAnswer.mock.calls).toEqual([[false], [true]]);
  });
});

describe('composer (B4, B7)', () => {
  it('Enter sends, Shift+Enter does not', () => {
    const onSend = vi.fn();
    render(<Composer draft="Hello" availability={open} plus={plus} onInput={vi.fn()} onSend={onSend} />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledTimes(2);
  });

  it('disabled with the reason shown and tied to the text box', () => {
    const reason = 'Samuel opted out of WhatsApp messages. They can opt in again by replying "yes".';
    render(
      <Composer
        draft=""
        availability={{ enabled: false, reason, note: null }}
        plus={plus}
        onInput={vi.fn()}
        onSend={vi.fn()}
      />,
    );
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    expect(box.disabled).toBe(true);
    expect(document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent).toBe(reason);
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('an empty draft cannot be sent; a queued note is shown while enabled', () => {
    const note = 'Template required: the 24-hour window is closed.';
    render(
      <Composer draft=" " availability={{ ...open, note }} plus={plus} onInput={vi.fn()} onSend={vi.fn()} />,
    );
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toBe(note);
  });

  it('counts down near WhatsApp’s 4,096 characters; over it, says so and neither Enter nor Send sends', () => {
    const onSend = vi.fn();
    const { rerender } = render(
      <Composer draft={'a'.repeat(4000)} availability={open} plus={plus} onInput={vi.fn()} onSend={onSend} />,
    );
    expect(screen.getByRole('status').textContent).toBe('96 characters left.');
    rerender(
      <Composer draft={'a'.repeat(5000)} availability={open} plus={plus} onInput={vi.fn()} onSend={onSend} />,
    );
    const box = screen.getByRole('textbox', { name: 'Message' });
    const said = document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent;
    expect(said).toBe('Too long to send: 5,000 characters, and WhatsApp takes at most 4,096.');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    expect(onSend).not.toHaveBeenCalled();
    // Short again (trailing spaces are not sent, so not counted): sendable, and nothing to say.
    rerender(
      <Composer
        draft={`${'a'.repeat(4096)}   `}
        availability={open}
        plus={plus}
        onInput={vi.fn()}
        onSend={onSend}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('0 characters left.');
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Message' }), { key: 'Enter' });
    expect(onSend).toHaveBeenCalledTimes(1);
  });

  it('the + menu offers templates and pictures; unavailable ones say why and do nothing', () => {
    const onTemplates = vi.fn();
    const reason = 'Templates need Samuel’s consent.';
    render(
      <Composer
        draft=""
        availability={open}
        plus={{ ...plus, onTemplates, templates: { enabled: false, reason, note: null } }}
        onInput={vi.fn()}
        onSend={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'More: templates and pictures' }));
    const item = screen.getByRole('menuitem', { name: 'Templates' });
    expect(item.getAttribute('aria-disabled')).toBe('true');
    expect(item.textContent).toContain(reason);
    fireEvent.click(item);
    expect(onTemplates).not.toHaveBeenCalled();
    screen.getByRole('menuitem', { name: 'Photo from file' });
    fireEvent.click(screen.getByRole('menuitem', { name: 'Take a photo' }));
    expect(plus.onCamera).toHaveBeenCalled();
  });
});

describe('menu keyboard (A1)', () => {
  it('arrows move between items, Escape closes and returns focus to the button', () => {
    const onSelect = vi.fn();
    render(
      <Menu
        label="Conversation details"
        items={[
          { id: 'a', label: 'Add user' },
          { id: 'b', label: 'Leave conversation' },
        ]}
        onSelect={onSelect}
      />,
    );
    const button = screen.getByRole('button', { name: 'Conversation details' });
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const menu = screen.getByRole('menu', { name: 'Conversation details' });
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Add user' }));
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Leave conversation' }));
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Add user' }));
    fireEvent.keyDown(menu, { key: 'End' });
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Leave conversation' }));
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});
