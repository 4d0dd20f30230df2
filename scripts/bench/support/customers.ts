// Bench customers who accepted the opt-in: a sandbox WhatsApp user, a contact of Alice's org, the
// opt-in template sent and "Yes" tapped, so the conversation is open with Alice as participant.
import { customerWaId } from './webhooks';
import { ok, request } from './http';

export const customerPhone = (i: number): string => `+${customerWaId(i)}`;

export async function optedInCustomer(
  urls: { workerUrl: string; sandboxUrl: string },
  token: string,
  i: number,
): Promise<string> {
  const phone = customerPhone(i);
  const inbox = `/sandbox/users/${encodeURIComponent(phone)}/messages`;
  ok(
    await request(urls.sandboxUrl, '/sandbox/users', {
      body: { phone, name: `Bench ${i}`, onWhatsApp: true },
    }),
    'sandbox user',
  );
  const contact = ok<{ id: string }>(
    await request(urls.workerUrl, '/api/v1/contacts', {
      method: 'PUT',
      token,
      body: { name: `Bench ${i}`, phone },
    }),
    'contact',
  );
  const optIn = ok<{ conversation: { conversationId: string }; message: { state: string } }>(
    await request(urls.workerUrl, `/api/v1/contacts/${contact.id}/whatsapp/opt-in`, {
      method: 'POST',
      token,
    }),
    'opt-in',
  );
  // Under load a send can be retried after a 130429 or a slow answer: wait for the template to land.
  let template: { wamid: string; template?: { buttons: { text: string; payload: string }[] } } | undefined;
  for (let i = 0; i < 120 && !template; i++) {
    const received = ok<{
      messages: { wamid: string; template?: { buttons: { text: string; payload: string }[] } }[];
    }>(await request(urls.sandboxUrl, inbox), 'inbox');
    template = received.messages.find((m) => m.template);
    if (!template) await new Promise((r) => setTimeout(r, 250));
  }
  const yes = template?.template?.buttons.find((b) => b.text === 'Yes');
  if (!template || !yes) throw new Error(`no opt-in reached ${phone} (it was ${optIn.message.state})`);
  ok(
    await request(urls.sandboxUrl, inbox, {
      body: { button: { payload: yes.payload, text: 'Yes' }, contextId: template.wamid },
    }),
    'tap Yes',
  );
  return optIn.conversation.conversationId;
}

/** Sets up `count` customers, `lanes` at a time. */
export async function optedInCustomers(
  urls: { workerUrl: string; sandboxUrl: string },
  token: string,
  count: number,
  lanes = 4,
): Promise<string[]> {
  const ids: string[] = new Array(count);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < count; i = next++) ids[i] = await optedInCustomer(urls, token, i);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return ids;
}
