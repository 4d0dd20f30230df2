// Webhook routing reads the directory on every message (B21, docs/performance.md "Not changed, and
// why"): the route query is built once per isolate for speed, but its answer is never kept, so an org
// switched off stops routing at once even for a customer whose messages were just routed.
import { beforeAll, describe, expect, it } from 'vitest';
import { updateOrg } from '../../worker/storage/repos/orgs';
import { db, setupDemo } from './helpers';
import { claimedThread, postWebhook, textWebhook } from './webhooks-support';

beforeAll(setupDemo);

describe('B21: routing is read afresh on every message', () => {
  it('B21: after the org is switched off, the next message of a customer routed a moment ago is answered 200 and not applied', async () => {
    const from = '14155550190';
    expect((await postWebhook(textWebhook(from, 'Lin', 'first while on'))).status).toBe(200);
    expect((await postWebhook(textWebhook(from, 'Lin', 'second while on'))).status).toBe(200);
    await updateOrg(db(), 'acme', { whatsappEnabled: false, now: Date.now() });
    try {
      expect((await postWebhook(textWebhook(from, 'Lin', 'while off'))).status).toBe(200);
    } finally {
      await updateOrg(db(), 'acme', { whatsappEnabled: true, now: Date.now() });
    }
    const texts = (await claimedThread(`+${from}`))?.items.map((i) => i.text);
    expect(texts).toContain('first while on');
    expect(texts).toContain('second while on');
    expect(texts).not.toContain('while off');
  });
});
