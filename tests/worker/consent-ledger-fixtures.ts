// Fixtures of the consent ledger tests: unique org ids (storage is shared by the tests of a file),
// the org's ledger object, and valid drafts of every shape the ledger records.
import { env } from 'cloudflare:test';
import type { ConsentRecordDraft } from '../../worker/domain/ledger';

/** 2026-11-01T09:00:00Z */
export const NOV_1 = Date.UTC(2026, 10, 1, 9, 0, 0);
export const DAY = 86_400_000;

export const uniqueOrg = (label: string): string => `org-${label}-${crypto.randomUUID().slice(0, 8)}`;

export const ledgerOf = (orgId: string) => env.LEDGER.get(env.LEDGER.idFromName(orgId));

/** Draft n of an org: an opt-in request; `over` changes any field. */
export function draft(orgId: string, n: number, over: Partial<ConsentRecordDraft> = {}): ConsentRecordDraft {
  return {
    kind: 'opt_in_requested',
    orgId,
    phoneNumberId: '100000000000001',
    contactPhone: '+14155550101',
    conversationId: `conv-${n}`,
    userId: 'acme-alice',
    templateName: 'greenline_opt_in',
    language: 'en_US',
    renderedText: `Hi Samuel, may Acme message you on WhatsApp? (${n})`,
    wamids: [`wamid.opt-in-${n}`],
    customerReply: null,
    errorCode: null,
    consentAfter: 'pending',
    occurredAt: NOV_1 + n * 60_000,
    ...over,
  };
}

/** The customer's answer to draft n: a Yes button tap. */
export function accepted(orgId: string, n: number, occurredAt: number): ConsentRecordDraft {
  return draft(orgId, n, {
    kind: 'opt_in_accepted',
    userId: null,
    templateName: null,
    language: null,
    renderedText: null,
    wamids: [`wamid.reply-${n}`],
    customerReply: { type: 'button', payload: 'OPT_IN_YES', text: 'Yes' },
    consentAfter: 'opted_in',
    occurredAt,
  });
}

/** The error an RPC call fails with (awaited here, so no rejection is left unobserved). */
export async function refusal(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  throw new Error('expected the call to fail');
}
