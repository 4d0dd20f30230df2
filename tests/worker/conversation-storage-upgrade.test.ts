// A conversation object saved by the previous version (storage v1, state v2: the webhook dedupe keys
// inside the state) is upgraded on load without forgetting what it applied (I6, SPEC §6): a webhook
// redelivered after the upgrade is still recognised, and the keys no longer travel with the state.
import { env, evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { conversationForContact } from '../../worker/services/conversations';
import { db, setupDemo } from './helpers';
import { acmeContact, claimedThread, postWebhook, textWebhook, wamid } from './webhooks-support';

beforeAll(setupDemo);

/** Rewrites the object's storage the way the previous version left it. */
function asPreviousVersion(sql: SqlStorage): void {
  const keys = sql.exec<{ key: string; at: number }>('SELECT key, at FROM applied').toArray();
  const row = sql.exec<{ json: string }>('SELECT json FROM state WHERE id = 1').one();
  const state = JSON.parse(row.json) as Record<string, unknown>;
  const seen = Object.fromEntries(keys.map((k) => [k.key, k.at]));
  sql.exec('UPDATE state SET json = ? WHERE id = 1', JSON.stringify({ ...state, schema: 2, seen }));
  sql.exec('DROP TABLE applied');
  sql.exec(`UPDATE meta SET value = '1' WHERE key = 'storage_version'`);
}

describe('conversation storage v1 → v2 (I6)', () => {
  it('a message redelivered after the upgrade is applied once; a new one is applied', async () => {
    const phone = '14155550190';
    const first = textWebhook(phone, 'Uma', 'before the upgrade', wamid());
    expect((await postWebhook(first)).status).toBe(200);
    const contact = await acmeContact(`+${phone}`);
    if (!contact) throw new Error('the webhook created no contact');
    const { stub } = await conversationForContact(env, db(), 'acme', contact.id, Date.now());

    await runInDurableObject(stub, (_instance, state) => asPreviousVersion(state.storage.sql));
    await evictDurableObject(stub);

    expect((await postWebhook(first)).status).toBe(200);
    expect((await postWebhook(textWebhook(phone, 'Uma', 'after the upgrade', wamid()))).status).toBe(200);
    const texts = (await claimedThread(`+${phone}`))?.items.flatMap((i) =>
      i.type === 'inbound' ? [i.text] : [],
    );
    expect(texts).toEqual(['before the upgrade', 'after the upgrade']);

    const stored = await runInDurableObject(stub, (_instance, state) => ({
      keys: state.storage.sql.exec('SELECT key FROM applied').toArray().length,
      state: JSON.parse(state.storage.sql.exec<{ json: string }>('SELECT json FROM state').one().json) as {
        schema: number;
        seen?: unknown;
      },
    }));
    expect(stored.keys).toBe(2);
    expect(stored.state.schema).toBe(3);
    expect(stored.state.seen).toBeUndefined();
  });
});
