// Signed WhatsApp webhooks as Meta sends them (reference §2.2), made in the bench process so the
// load generator, not the sandbox, decides the rate: one text message per POST.
import { createHmac } from 'node:crypto';
import { DEMO_ORGS } from '../../../shared/demo';
import { APP_SECRET } from './runtime';

const NUMBER = DEMO_ORGS[0]?.number;
if (!NUMBER) throw new Error('no demo number');
export const BUSINESS = NUMBER;

/** The wa_id of bench customer `i` (US numbers, distinct from the demo's). */
export const customerWaId = (i: number): string => `1415${String(6_000_000 + i).padStart(7, '0')}`;

export interface SignedPost {
  body: string;
  headers: Record<string, string>;
}

export function sign(body: string): SignedPost {
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`,
    },
  };
}

/** One customer text message to the demo number, signed. */
export function textWebhook(customer: number, wamid: string, text: string): SignedPost {
  const waId = customerWaId(customer);
  return sign(
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: NUMBER?.wabaId,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: {
                  display_phone_number: NUMBER?.displayPhoneNumber.replace('+', ''),
                  phone_number_id: NUMBER?.phoneNumberId,
                },
                contacts: [{ profile: { name: `Bench ${customer}` }, wa_id: waId }],
                messages: [
                  {
                    from: waId,
                    id: wamid,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: 'text',
                    text: { body: text },
                  },
                ],
              },
            },
          ],
        },
      ],
    }),
  );
}
