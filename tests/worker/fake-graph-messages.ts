// The send endpoint of the fake Graph API (reference §1) for the worker's tests: checks the demo
// number's token and answers like Meta. Recipients drive the outcome: +14155550199 is not on
// WhatsApp (accepted, then the test delivers the 131026 status), +14155550198 answers 131000
// (transient), +14155550197 answers an unreadable body (outcome unknown, I4), +14155550196 answers
// 131042 once (the number pauses, SPEC §6).
import { DEMO_ORGS } from '../../shared/demo';
import type { FakeResponse } from './fake-graph';

let counter = 0;

export const TRANSIENT_RECIPIENT = '+14155550198';
/** The first send to this recipient answers 131042 (a payment problem: account level), later ones succeed. */
export const PAUSE_ONCE_RECIPIENT = '+14155550196';
let pausedOnce = false;
/** Every send to this recipient answers 131031 (account locked: the number pauses, SPEC §6). */
export const LOCKED_RECIPIENT = '+14155550195';
export const UNKNOWN_OUTCOME_RECIPIENT = '+14155550197';

export function fakeSend(url: string, authorization: string | null, rawBody: string): FakeResponse | null {
  const match = /^\/v[\d.]+\/(\d+)\/messages$/.exec(new URL(url).pathname);
  if (!match) return null;
  const org = DEMO_ORGS.find((o) => o.number.phoneNumberId === match[1]);
  if (!org || authorization !== `Bearer ${org.number.accessToken}`) {
    return {
      status: 401,
      body: {
        error: {
          message: '(#190) Invalid OAuth access token.',
          type: 'OAuthException',
          code: 190,
          fbtrace_id: 'fake',
        },
      },
    };
  }
  const body = JSON.parse(rawBody) as { to?: string; status?: string };
  if (body.status === 'read') return { status: 200, body: { success: true } };
  const to = body.to ?? '';
  if (to === TRANSIENT_RECIPIENT) {
    return {
      status: 500,
      body: {
        error: {
          message: '(#131000) Something went wrong',
          type: 'OAuthException',
          code: 131000,
          fbtrace_id: 'fake',
        },
      },
    };
  }
  if (to === PAUSE_ONCE_RECIPIENT && !pausedOnce) {
    pausedOnce = true;
    return {
      status: 400,
      body: {
        error: {
          message: '(#131042) Business eligibility payment issue',
          type: 'OAuthException',
          code: 131042,
          fbtrace_id: 'fake',
        },
      },
    };
  }
  if (to === LOCKED_RECIPIENT) {
    return {
      status: 403,
      body: {
        error: {
          message: '(#131031) Account has been locked',
          type: 'OAuthException',
          code: 131031,
          fbtrace_id: 'fake',
        },
      },
    };
  }
  if (to === UNKNOWN_OUTCOME_RECIPIENT) return { status: 200, body: 'not json' };
  counter += 1;
  return {
    status: 200,
    body: {
      messaging_product: 'whatsapp',
      contacts: [{ input: to, wa_id: to.replace(/^\+/, '') }],
      messages: [{ id: `wamid.fake${counter}` }],
    },
  };
}
