// The sandbox's username customer (2026, issue 10): Lena Fischer hides her number behind
// @lena.fischer; the control API and the phone page show who she is; she can show her number again.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox/index';

const LENA = '%2B14155550103';

describe('a demo customer with a username and a hidden phone', () => {
  it('is listed with her username, BSUID and hidden number; her phone page opens', async () => {
    const { app, close } = createSandbox({ webhookUrl: null });
    try {
      const users = (await (await app.request('/sandbox/users')).json()) as {
        users: Array<Record<string, unknown>>;
      };
      expect(users.users.find((u) => u.phone === '+14155550103')).toMatchObject({
        name: 'Lena Fischer',
        username: '@lena.fischer',
        bsuid: 'US.13491208655302741918',
        phoneHidden: true,
      });
      const page = await app.request(`/phone/${LENA}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('number hidden from businesses');
    } finally {
      close();
    }
  });

  it('shows her number again on request; a user without a username cannot hide theirs (409)', async () => {
    const { app, close } = createSandbox({ webhookUrl: null });
    const post = (path: string, body: unknown) =>
      app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    try {
      const shown = await post(`/sandbox/users/${LENA}/privacy`, { phoneHidden: false });
      expect(await shown.json()).toMatchObject({ user: { phoneHidden: false } });
      const refused = await post('/sandbox/users/%2B14155550101/privacy', { phoneHidden: true });
      expect(refused.status).toBe(409);
      expect((await post(`/sandbox/users/${LENA}/privacy`, { phoneHidden: 'yes' })).status).toBe(400);
    } finally {
      close();
    }
  });
});
