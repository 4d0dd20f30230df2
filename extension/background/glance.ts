// The green action's dot and label (B18): each number normalised to E.164 here, in the background,
// so libphonenumber-js never weighs on the content script (P4); then the contact it belongs to and
// its consent and window, from the API, cached briefly and dropped when a live frame says it changed.
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { ConversationStateDto } from '../../shared/api/conversations';
import type { AgentApi } from '../api/agent';
import type { Glance, PhoneGlance } from '../messaging/protocol';

export type Normalised = { e164: string; problem: null } | { e164: null; problem: string };

export function normalise(raw: string, defaultCountry: string): Normalised {
  // A region libphonenumber does not know (a browser's pseudo-locale) reads only international numbers.
  const country = isSupportedCountry(defaultCountry) ? defaultCountry : undefined;
  const parsed = parsePhoneNumberFromString(raw, country);
  if (parsed?.isValid()) return { e164: parsed.number, problem: null };
  return {
    e164: null,
    problem: `"${raw.trim()}" is not a phone number WhatsApp can use. Check it in the CRM, or write it with its country code (e.g. +44 20 7946 0958).`,
  };
}

function hoursLeft(ms: number): string {
  if (ms < 60 * 60_000) return `${Math.max(1, Math.ceil(ms / 60_000))} min left`;
  return `${Math.floor(ms / 3_600_000)} h left`;
}

/** Consent and window at a glance; `state` null means Greenline has no contact for this number yet. */
export function glanceOf(state: ConversationStateDto | null): Glance {
  if (!state) return { tone: 'new', label: 'Not asked yet' };
  const windowLeft =
    state.window.open && state.window.expiresAt ? state.window.expiresAt - state.serverNow : 0;
  switch (state.consent) {
    case 'opted_in':
      return windowLeft > 0
        ? { tone: 'ready', label: `Open · ${hoursLeft(windowLeft)}` }
        : { tone: 'waiting', label: 'Template only' };
    case 'pending':
      return { tone: 'waiting', label: 'Opt-in sent' };
    case 'opted_out':
      return { tone: 'blocked', label: 'Opted out' };
    case 'not_on_whatsapp':
      return { tone: 'blocked', label: 'Not on WhatsApp' };
    case 'none':
      return windowLeft > 0
        ? { tone: 'ready', label: 'Customer wrote' }
        : { tone: 'new', label: 'Not asked yet' };
  }
}

interface Cached {
  contactId: string | null;
  glance: Glance;
  at: number;
}

export const GLANCE_TTL_MS = 30_000;

export class GlanceService {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly deps: {
      api: () => Pick<AgentApi, 'findContact' | 'whatsapp'>;
      defaultCountry: () => Promise<string>;
      now: () => number;
    },
  ) {}

  async glance(phones: { raw: string; label: string | null }[]): Promise<PhoneGlance[]> {
    const country = await this.deps.defaultCountry();
    return Promise.all(
      phones.map(async ({ raw, label }) => {
        const n = normalise(raw, country);
        if (!n.e164) return { raw, label, e164: null, problem: n.problem, contactId: null, glance: null };
        const known = await this.lookup(n.e164);
        return { raw, label, e164: n.e164, problem: null, contactId: known.contactId, glance: known.glance };
      }),
    );
  }

  /** Forget what we knew of a contact (all contacts when null), after a live frame or a change. */
  invalidate(contactId: string | null): void {
    for (const [phone, entry] of this.cache) {
      if (contactId === null || entry.contactId === contactId || entry.contactId === null)
        this.cache.delete(phone);
    }
  }

  private async lookup(e164: string): Promise<Cached> {
    const hit = this.cache.get(e164);
    if (hit && this.deps.now() - hit.at < GLANCE_TTL_MS) return hit;
    const api = this.deps.api();
    const { contact } = await api.findContact(e164);
    const state = contact ? await api.whatsapp(contact.id) : null;
    const entry = { contactId: contact?.id ?? null, glance: glanceOf(state), at: this.deps.now() };
    this.cache.set(e164, entry);
    return entry;
  }
}
