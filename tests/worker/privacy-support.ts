// Helpers for the privacy tests (issue 12): a 2026 webhook naming the customer by phone and BSUID,
// and scans of every directory table, a Durable Object's storage and the R2 bucket for a customer's
// phone, BSUID and name.
import { env, runInDurableObject } from 'cloudflare:test';
import { ACME_PNID, envelope, wamid } from './webhooks-support';

/** A text from a customer with a visible phone and a BSUID, as WhatsApp sends it in 2026. */
export function bsuidText(who: { phone: string; bsuid: string; name: string }, body: string) {
  const digits = who.phone.replace(/\D/g, '');
  return envelope({
    changes: [
      {
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '15550100001', phone_number_id: ACME_PNID },
          contacts: [{ profile: { name: who.name }, wa_id: digits, user_id: who.bsuid }],
          messages: [
            {
              from: digits,
              from_user_id: who.bsuid,
              id: wamid(),
              timestamp: String(Math.floor(Date.now() / 1000)),
              type: 'text',
              text: { body },
            },
          ],
        },
      },
    ],
  });
}

const lower = (needles: string[]) => needles.map((n) => n.toLowerCase());

/**
 * Every directory row (table name and row) that contains any of the needles, case-insensitively.
 * `exempt` lists needles allowed in a table (the demo templates use "Samuel" as Meta's example value).
 */
export async function directoryRowsNaming(
  needles: string[],
  exempt: Record<string, string[]> = {},
): Promise<string[]> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'",
  ).all<{ name: string }>();
  const found: string[] = [];
  for (const { name } of tables.results) {
    const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
    for (const row of rows.results) {
      const text = JSON.stringify(row).toLowerCase();
      const allowed = lower(exempt[name] ?? []);
      const hits = lower(needles).filter((n) => !allowed.includes(n) && text.includes(n));
      if (hits.length > 0) found.push(`${name} (${hits.join(', ')}): ${JSON.stringify(row)}`);
    }
  }
  return found;
}

/** Every table of a Durable Object's SQLite storage and every key-value entry, as text. */
export async function objectStorageText(stub: DurableObjectStub): Promise<string> {
  return runInDurableObject(stub, async (_instance, state) => {
    const sql = state.storage.sql;
    const tables = sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .toArray()
      .filter((t) => !t.name.startsWith('_cf_') && !t.name.startsWith('sqlite_'));
    const parts = tables.map(
      (t) => `${t.name}: ${JSON.stringify(sql.exec(`SELECT * FROM "${t.name}"`).toArray())}`,
    );
    const kv = await state.storage.list();
    parts.push(`kv: ${JSON.stringify([...kv.entries()])}`);
    return parts.join('\n');
  });
}

export const conversationStub = (id: string) => env.CONVERSATION.get(env.CONVERSATION.idFromName(id));

export const mentionsAny = (text: string, needles: string[]): string[] =>
  lower(needles).filter((n) => text.toLowerCase().includes(n));

/** The keys of every object in the media bucket. */
export async function bucketKeys(): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.MEDIA.list({ cursor });
    out.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return out;
}
