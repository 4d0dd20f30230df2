// Fakes and builders for the panel's tests: states and items as the API sends them, a fake API whose
// every call must be set up by the test, a manual clock, and fake messaging.
import { vi } from 'vitest';
import type { Contact } from '../../../shared/api/contacts';
import type { AgentTemplate } from '../../../shared/api/templates';
import type { SessionStatus } from '../../../extension/messaging/protocol';
import type { Clock, PanelApi, PanelMessaging } from '../../../extension/models/panel/ports';
import type { ConversationState } from '../../../extension/models/panel/status';
import type { InboundItem, OutboundItem, Thread } from '../../../extension/models/panel/thread';
import { HOUR } from '../../../shared/time';

export const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
export const ME = { userId: 'u-alice', name: 'Alice Martin' };
export const BOB = { userId: 'u-bob', name: 'Bob Stone' };
export const CAROL = { userId: 'u-carol', name: 'Carol King' };

export function state(overrides: Partial<ConversationState> = {}): ConversationState {
  return {
    conversationId: 'conv-1',
    consent: 'opted_in',
    optInRequestedAt: null,
    optInAvailableAt: null,
    canRequestOptIn: false,
    window: { open: true, expiresAt: T0 + 20 * HOUR },
    canSendText: true,
    canSendTemplate: true,
    textHint: null,
    threadId: 'th-1',
    participants: [ME],
    youAreParticipant: true,
    joinRequests: [],
    queued: 0,
    serverNow: T0,
    ...overrides,
  };
}

export const contact: Contact = {
  id: 'c-samuel',
  name: 'Samuel Johnson',
  phone: '+14155550101',
  waIds: [],
  crmLinks: [],
  createdAt: T0,
  updatedAt: T0,
};

export function outbound(overrides: Partial<OutboundItem> = {}): OutboundItem {
  return {
    type: 'outbound',
    id: 'm-1',
    at: T0,
    authorId: ME.userId,
    kind: 'text',
    wamid: null,
    text: 'Hello Samuel',
    mediaId: null,
    state: 'sent',
    holdReason: null,
    failure: null,
    notSentReason: null,
    ...overrides,
  };
}

export function inbound(overrides: Partial<InboundItem> = {}): InboundItem {
  return {
    type: 'inbound',
    id: 'wamid.in1',
    at: T0 + 1000,
    kind: 'text',
    text: 'Hi Alice',
    mediaId: null,
    ...overrides,
  };
}

export function thread(overrides: Partial<Thread> = {}): Thread {
  return { threadId: 'th-1', startedAt: T0 - HOUR, endedAt: null, readOnly: false, items: [], ...overrides };
}

export function template(overrides: Partial<AgentTemplate> = {}): AgentTemplate {
  return {
    id: 'tpl-1',
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Hello {{1}}' },
      { type: 'BODY', text: 'Hi {{1}}, this is {{2}} from {{3}}. Your order {{4}} is ready.' },
      { type: 'FOOTER', text: 'Reply STOP to opt out' },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Thanks' }] },
    ],
    variables: [
      { key: 'header.1', component: 'HEADER', placeholder: '1', source: 'contact_first_name' },
      { key: 'body.1', component: 'BODY', placeholder: '1', source: 'contact_first_name' },
      { key: 'body.2', component: 'BODY', placeholder: '2', source: 'user_name' },
      { key: 'body.3', component: 'BODY', placeholder: '3', source: 'org_name' },
      { key: 'body.4', component: 'BODY', placeholder: '4', source: 'typed', example: 'A-123' },
    ],
    ...overrides,
  };
}

type Fakes = { [K in keyof PanelApi]: ReturnType<typeof vi.fn<PanelApi[K]>> };

/** Every call fails loudly unless the test says what it answers. */
export function fakeApi(): Fakes {
  const unexpected = (name: string) => () => Promise.reject(new Error(`unexpected call: ${name}`));
  const names: (keyof PanelApi)[] = [
    'whatsapp',
    'requestOptIn',
    'start',
    'send',
    'thread',
    'addParticipant',
    'removeParticipant',
    'leave',
    'transfer',
    'eligibleUsers',
    'requestJoin',
    'answerJoin',
    'threads',
    'unassigned',
    'templates',
    'uploadPicture',
    'picture',
    'contact',
    'linkContact',
  ];
  return Object.fromEntries(names.map((n) => [n, vi.fn(unexpected(n))])) as unknown as Fakes;
}

export interface FakeClock extends Clock {
  advance(ms: number): void;
  set(at: number): void;
}

export function fakeClock(start = T0): FakeClock {
  let t = start;
  const timers = new Set<{ ms: number; fn: () => void }>();
  const fire = () => {
    for (const timer of [...timers]) timer.fn();
  };
  return {
    now: () => t,
    every(ms, fn) {
      const timer = { ms, fn };
      timers.add(timer);
      return () => timers.delete(timer);
    },
    advance(ms) {
      t += ms;
      fire();
    },
    set(at) {
      t = at;
      fire();
    },
  };
}

export const session: SessionStatus = {
  signedIn: true,
  serverUrl: 'http://127.0.0.1:8787',
  user: { id: ME.userId, name: ME.name, email: 'alice@acme.test', role: 'agent' },
  org: { id: 'org-acme', name: 'Acme' },
  enabled: true,
  disabledReason: null,
};

export function fakeMessaging(target: PanelMessagingTarget = null) {
  return {
    getStatus: vi.fn<PanelMessaging['getStatus']>(async () => session),
    getPanelTarget: vi.fn<PanelMessaging['getPanelTarget']>(async () => target),
    showConversation: vi.fn<PanelMessaging['showConversation']>(async () => undefined),
    markSeen: vi.fn<PanelMessaging['markSeen']>(async () => undefined),
  };
}
type PanelMessagingTarget = Awaited<ReturnType<PanelMessaging['getPanelTarget']>>;

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
}
