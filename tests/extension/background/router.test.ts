// The message router: content scripts may only read the status and glances and open a
// conversation; the session proxy is for the extension's own pages. What arrives is validated.
// Opening a conversation upserts the contact with its CRM link (B19) and shows it in the panel.
import { describe, expect, it, vi } from 'vitest';
import { glanceOf, normalise } from '../../../extension/background/glance';
import { createHandlers, type RouterDeps, type Sender } from '../../../extension/background/router';
import type { SessionStatus } from '../../../extension/messaging/protocol';
import type { ConversationStateDto } from '../../../shared/api/conversations';

const EXT = 'greenline-extension-id';
const ORIGIN = 'chrome-extension://greenline-extension-id';
const contentScript: Sender = {
  id: EXT,
  url: 'https://app.hubspot.com/contacts/1/record/0-1/2',
  tab: { id: 7 },
};
const page: Sender = { id: EXT, url: `${ORIGIN}/sidepanel.html` };
const stranger: Sender = { id: 'other-extension', url: 'chrome-extension://other/x.html' };
const enabled: SessionStatus = {
  signedIn: true,
  serverUrl: 'http://x',
  user: null,
  org: null,
  enabled: true,
  disabledReason: null,
};

function setup(status = enabled) {
  const calls: string[] = [];
  const upsertContact = vi.fn(async () => ({
    id: 'k1',
    name: 'Samuel Johnson',
    phone: '+14155550101',
    waIds: [],
    crmLinks: [],
    createdAt: 0,
    updatedAt: 0,
  }));
  const deps: RouterDeps = {
    extensionId: EXT,
    extensionOrigin: ORIGIN,
    session: {
      status: async () => status,
      signIn: async () => ({ ok: false, message: 'no' }),
      acceptInvitation: async () => ({ ok: false, message: 'no' }),
      signOut: async () => ({ ...status, signedIn: false }),
      request: async (r) => {
        calls.push(`${r.method} ${r.path}`);
        return { status: 200, body: { kind: 'json', value: {} } };
      },
    },
    api: () => ({ upsertContact }),
    glance: async () => [],
    invalidate: () => undefined,
    panels: {
      openNow: vi.fn(async () => true),
      show: vi.fn(async () => 'side_panel' as const),
      remember: async () => undefined,
      targetFor: async () => null,
    },
    markSeen: async () => undefined,
    defaultCountry: async () => 'US',
  };
  return { handlers: createHandlers(deps), deps, calls, upsertContact };
}

const record = {
  crm: 'hubspot' as const,
  recordId: '5101',
  objectType: 'contact' as const,
  name: 'Samuel Johnson',
  url: 'https://app.hubspot.com/contacts/1/record/0-1/5101',
};

describe('the background’s message router', () => {
  it('S3 / I8: a content script cannot use the session through the API proxy; the panel can', async () => {
    const { handlers, calls } = setup();
    expect(() => handlers.api?.({ method: 'GET', path: '/threads' }, contentScript)).toThrow(
      'Greenline’s own pages',
    );
    expect(() => handlers.api?.({ method: 'GET', path: '/threads' }, stranger)).toThrow();
    await handlers.api?.({ method: 'GET', path: '/threads' }, page);
    expect(calls).toEqual(['GET /threads']);
  });

  it('B18: a page load asks for a fresh status (an admin may have just disabled the user)', async () => {
    const { handlers, deps } = setup();
    const status = vi.spyOn(deps.session, 'status');
    await handlers.getStatus?.(undefined, contentScript);
    expect(status).toHaveBeenLastCalledWith(true);
    await handlers.getStatus?.(undefined, page);
    expect(status).toHaveBeenLastCalledWith(false);
  });

  it('refuses API paths that would climb out of the API', async () => {
    const { handlers, calls } = setup();
    const answer = await handlers.api?.({ method: 'GET', path: '/../../webhooks/whatsapp' }, page);
    expect(answer?.status).toBe(400);
    expect(calls).toEqual([]);
  });

  it('B19: opening upserts the contact in E.164 with its CRM link and opens the panel for that tab', async () => {
    const { handlers, deps, upsertContact } = setup();
    const result = await handlers.openConversation?.({ record, phone: '(415) 555-0101' }, contentScript);
    expect(result).toEqual({ ok: true, contactId: 'k1', surface: 'side_panel' });
    expect(deps.panels.openNow).toHaveBeenCalledWith(7);
    expect(upsertContact).toHaveBeenCalledWith({
      name: 'Samuel Johnson',
      phone: '+14155550101',
      crm: { system: 'hubspot', recordId: '5101', url: record.url },
    });
    expect(deps.panels.show).toHaveBeenCalledWith(
      7,
      { contactId: 'k1', conversationId: null, threadId: null },
      true,
    );
  });

  it('B19: a page that names nobody (any web page) sends no name, so a known contact keeps theirs', async () => {
    const { handlers, upsertContact } = setup();
    const page = { ...record, crm: 'generic' as const, recordId: 'tel:+14155550101', name: '  ' };
    await handlers.openConversation?.({ record: page, phone: '+1 415 555 0101' }, contentScript);
    expect(upsertContact).toHaveBeenCalledWith({
      phone: '+14155550101',
      crm: { system: 'generic', recordId: 'tel:+14155550101', url: record.url },
    });
  });

  it('B19: a number that cannot be normalised is refused with a clear message, and nothing is created', async () => {
    const { handlers, upsertContact } = setup();
    const result = await handlers.openConversation?.({ record, phone: '555-01' }, contentScript);
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a phone number WhatsApp can use'),
    });
    expect(upsertContact).not.toHaveBeenCalled();
  });

  it('B18: a user who is not enabled is told why, and nothing is created', async () => {
    const { handlers, upsertContact } = setup({
      ...enabled,
      enabled: false,
      disabledReason: 'Not enabled for you.',
    });
    expect(await handlers.openConversation?.({ record, phone: '+14155550101' }, contentScript)).toEqual({
      ok: false,
      message: 'Not enabled for you.',
    });
    expect(upsertContact).not.toHaveBeenCalled();
  });

  it('a malformed record from a page is refused, not trusted', async () => {
    const { handlers, upsertContact } = setup();
    const result = await handlers.openConversation?.(
      { record: { ...record, url: 'javascript:alert(1)' }, phone: '+14155550101' },
      contentScript,
    );
    expect(result?.ok).toBe(false);
    expect(upsertContact).not.toHaveBeenCalled();
  });
});

const state = (over: Partial<ConversationStateDto>): ConversationStateDto => ({
  conversationId: 'c1',
  consent: 'none',
  optInRequestedAt: null,
  optInAvailableAt: null,
  canRequestOptIn: true,
  window: { open: false, expiresAt: null },
  canSendText: false,
  canSendTemplate: false,
  textHint: null,
  threadId: null,
  participants: [],
  youAreParticipant: false,
  joinRequests: [],
  queued: 0,
  serverNow: 1_000_000,
  ...over,
});

describe('the glance: consent and window at a glance (B18)', () => {
  it.each([
    ['unknown contact', null, 'new', 'Not asked yet'],
    ['no consent yet', state({}), 'new', 'Not asked yet'],
    ['opt-in sent', state({ consent: 'pending' }), 'waiting', 'Opt-in sent'],
    [
      'opted in, window open 5 h',
      state({ consent: 'opted_in', window: { open: true, expiresAt: 1_000_000 + 5.5 * 3_600_000 } }),
      'ready',
      'Open · 5 h left',
    ],
    [
      'opted in, window closing',
      state({ consent: 'opted_in', window: { open: true, expiresAt: 1_000_000 + 20 * 60_000 } }),
      'ready',
      'Open · 20 min left',
    ],
    ['opted in, window closed', state({ consent: 'opted_in' }), 'waiting', 'Template only'],
    ['opted out', state({ consent: 'opted_out' }), 'blocked', 'Opted out'],
    ['not on WhatsApp', state({ consent: 'not_on_whatsapp' }), 'blocked', 'Not on WhatsApp'],
    [
      'customer wrote first',
      state({ window: { open: true, expiresAt: 1_000_000 + 3_600_000 } }),
      'ready',
      'Customer wrote',
    ],
  ])('%s', (_name, s, tone, label) => {
    expect(glanceOf(s)).toEqual({ tone, label });
  });

  it('normalises numbers as CRMs write them, with the default country for national ones', () => {
    expect(normalise('(415) 555-0101', 'US')).toEqual({ e164: '+14155550101', problem: null });
    expect(normalise('+55 11 91234-5678', 'US')).toEqual({ e164: '+5511912345678', problem: null });
    expect(normalise('020 7946 0958', 'GB').e164).toBe('+442079460958');
    expect(normalise('12', 'US').e164).toBeNull();
    // A default libphonenumber does not know (a pseudo-locale's region) reads international numbers only.
    expect(normalise('+44 20 7946 0958', 'XA').e164).toBe('+442079460958');
    expect(normalise('020 7946 0958', 'XA').e164).toBeNull();
  });
});
