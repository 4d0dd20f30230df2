// The content script's page logic in happy-dom on saved CRM pages: exactly one action per record
// (B18), only for an enabled user, surviving re-renders and single-page navigation, and the click
// that opens the conversation with a clear message in place when it cannot (B19).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRunner, type Runner } from '../../../extension/content/run';
import type { ActionPorts } from '../../../extension/content/controller';
import { hubspotAdapter } from '../../../extension/crm/hubspot';
import type { PhoneGlance, SessionStatus } from '../../../extension/messaging/protocol';
import { FIXTURES_DIR } from '../crm/support';

const ENABLED: SessionStatus = {
  signedIn: true,
  serverUrl: 'http://127.0.0.1:8787',
  user: { id: 'u-alice', name: 'Alice Martin', email: 'alice@acme.test', role: 'agent' },
  org: { id: 'o-acme', name: 'Acme' },
  enabled: true,
  disabledReason: null,
};
const DISABLED: SessionStatus = {
  ...ENABLED,
  enabled: false,
  disabledReason: 'WhatsApp is not enabled for your account.',
};

function page(name: string): { html: string; url: string } {
  const html = readFileSync(join(FIXTURES_DIR, 'hubspot', `${name}.html`), 'utf8');
  const { url } = JSON.parse(readFileSync(join(FIXTURES_DIR, 'hubspot', `${name}.json`), 'utf8')) as {
    url: string;
  };
  return { html, url };
}

function glanced(phones: { raw: string; label: string | null }[]): PhoneGlance[] {
  return phones.map(({ raw, label }) => ({
    raw,
    label,
    e164: raw.startsWith('+') ? `+${raw.replace(/\D/g, '')}` : null,
    problem: raw.startsWith('+') ? null : `"${raw}" is not a phone number WhatsApp can use.`,
    contactId: null,
    glance: raw.startsWith('+') ? { tone: 'new', label: 'Not asked yet' } : null,
  }));
}

let runner: Runner | null = null;
afterEach(() => {
  runner?.stop();
  runner = null;
  document.body.innerHTML = '';
});

function start(name: string, ports: Partial<ActionPorts> = {}) {
  const loaded = page(name);
  let href = loaded.url;
  document.body.innerHTML = loaded.html;
  const open = vi.fn<ActionPorts['open']>(async () => ({
    ok: true,
    contactId: 'c-1',
    surface: 'side_panel',
  }));
  runner = createRunner(
    document,
    [hubspotAdapter],
    { glance: async (p) => glanced(p), open, ...ports },
    () => href,
  );
  return {
    runner,
    open,
    navigate(next: string) {
      const to = page(next);
      document.body.innerHTML = to.html;
      href = to.url;
    },
  };
}

const hosts = () => [...document.querySelectorAll('greenline-action')];
const button = (host: Element) => host.shadowRoot?.querySelector('button.gl-action') as HTMLButtonElement;
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the green action on a CRM page', () => {
  it('B18: exactly one action per record, named "WhatsApp <contact name>", and none twice', async () => {
    const { runner } = start('contact-two-numbers');
    runner.setStatus(ENABLED);
    runner.pass();
    runner.pass();
    await settle();
    expect(hosts()).toHaveLength(1);
    expect(button(hosts()[0] as Element).getAttribute('aria-label')).toBe('WhatsApp Ana Souza');
    expect(hosts()[0]?.shadowRoot?.textContent).toContain('Not asked yet');
  });

  it('B18: nothing for a user or org not enabled, and the action goes when they are disabled', () => {
    const { runner } = start('contact-two-numbers');
    runner.setStatus(DISABLED);
    expect(hosts()).toHaveLength(0);
    runner.setStatus(ENABLED);
    expect(hosts()).toHaveLength(1);
    runner.setStatus(DISABLED);
    expect(hosts()).toHaveLength(0);
  });

  it('B18: survives a re-render that removes the injected node, still exactly one', () => {
    const { runner } = start('contact-two-numbers');
    runner.setStatus(ENABLED);
    const sidebar = document.querySelector('#record-page-left-sidebar') as HTMLElement;
    // React rebuilds the subtree from its own state: new CRM nodes, and ours is not among them.
    const rebuilt = sidebar.cloneNode(true) as HTMLElement;
    for (const ours of rebuilt.querySelectorAll('greenline-action')) ours.remove();
    sidebar.replaceWith(rebuilt);
    expect(hosts()).toHaveLength(0);
    runner.pass();
    expect(hosts()).toHaveLength(1);
    expect(rebuilt.contains(hosts()[0] as Element)).toBe(true);
  });

  it('B18: a copied node left behind by a re-render is swept, never shown twice', () => {
    const { runner } = start('contact-two-numbers');
    runner.setStatus(ENABLED);
    const original = hosts()[0] as Element;
    original.parentElement?.append(original.cloneNode(true));
    runner.pass();
    expect(hosts()).toHaveLength(1);
  });

  it('B18: follows single-page navigation to another record', () => {
    const { runner, navigate } = start('contact-two-numbers');
    runner.setStatus(ENABLED);
    navigate('contact-legacy-url');
    runner.pass();
    expect(hosts()).toHaveLength(1);
    expect(button(hosts()[0] as Element).getAttribute('aria-label')).toBe('WhatsApp Samuel Johnson');
    expect([...runner.controllers().keys()]).toEqual(['hubspot:5101']);
  });

  it('B18: a record with no number, or a page that is not a contact, gets no action', () => {
    const { runner, navigate } = start('contact-no-number');
    runner.setStatus(ENABLED);
    expect(hosts()).toHaveLength(0);
    navigate('deal-record');
    runner.pass();
    expect(hosts()).toHaveLength(0);
  });

  it('B19: with two numbers the click asks which one, then opens the conversation with the CRM link', async () => {
    const { runner, open } = start('contact-two-numbers');
    runner.setStatus(ENABLED);
    await settle();
    const host = hosts()[0] as Element;
    button(host).click();
    await settle();
    const items = [...(host.shadowRoot?.querySelectorAll('[role="menuitem"]') ?? [])] as HTMLButtonElement[];
    // Each number as the record writes it, with the record's label.
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringContaining('+55 11 91234-5678'),
      expect.stringContaining('+55 11 3333-4444'),
    ]);
    items[0]?.click();
    await settle();
    expect(open).toHaveBeenCalledWith(
      expect.objectContaining({
        crm: 'hubspot',
        recordId: '5678',
        name: 'Ana Souza',
        url: 'https://app.hubspot.com/contacts/1234/record/0-1/5678',
      }),
      '+55 11 91234-5678',
    );
  });

  it('B19: a refusal is shown in place and announced, not thrown to the console', async () => {
    const { runner } = start('contact-legacy-url', {
      open: async () => ({ ok: false, message: 'WhatsApp is not enabled for your account.' }),
    });
    runner.setStatus(ENABLED);
    await settle();
    const host = hosts()[0] as Element;
    button(host).click();
    await settle();
    const alert = host.shadowRoot?.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('WhatsApp is not enabled for your account.');
  });

  it('B19: a number that cannot be normalised gets a clear message in place, and nothing is opened', async () => {
    const { runner, open } = start('contact-legacy-url', {
      glance: async (phones) => glanced(phones.map((p) => ({ ...p, raw: '555-01' }))),
    });
    runner.setStatus(ENABLED);
    await settle();
    const host = hosts()[0] as Element;
    button(host).click();
    await settle();
    expect(host.shadowRoot?.querySelector('[role="alert"]')?.textContent).toContain('is not a phone number');
    expect(open).not.toHaveBeenCalled();
  });
});
