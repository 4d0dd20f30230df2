// Smoke test of the local stack that `npm start` runs (scripts/stack/launch.ts): seeded demo data,
// the worker under `wrangler dev` and the sandbox wired to it, all started and stopped by the harness.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MeResponseSchema } from '../../shared/api/auth';
import { AgentTemplateListSchema } from '../../shared/api/templates';
import { OPT_IN_TEMPLATE_NAME } from '../../shared/demo';
import { type Stack, startStack } from './support/stack';

const UsersSchema = z.object({ users: z.array(z.object({ phone: z.string(), name: z.string() })) });

let stack: Stack | undefined;

beforeAll(async () => {
  stack = await startStack();
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 30_000);

describe('npm start stack', () => {
  it('a demo user signs in, sees the approved templates, and the sandbox knows Samuel', async ({
    onTestFailed,
  }) => {
    if (!stack) throw new Error('stack not started');
    const logs = stack.logs;
    onTestFailed(() => console.error(`local stack log (last lines):\n${logs().slice(-80).join('\n')}`));
    const health = await stack.api('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ ok: true });

    const token = await stack.login('alice@acme.test');
    const me = await stack.api('/api/v1/me', { token });
    expect(me.status, JSON.stringify(me.body)).toBe(200);
    const { user, org, whatsapp } = MeResponseSchema.parse(me.body);
    expect([user.email, org.name, whatsapp.enabled]).toEqual(['alice@acme.test', 'Acme', true]);

    const templates = await stack.api('/api/v1/templates', { token });
    expect(templates.status, JSON.stringify(templates.body)).toBe(200);
    const names = AgentTemplateListSchema.parse(templates.body).templates.map((t) => t.name);
    expect(names).not.toContain(OPT_IN_TEMPLATE_NAME); // sent only by the opt-in request (B1)
    expect(names).toContain('appointment_reminder');
    expect(names).toContain('seasonal_offer'); // the approved MARKETING one
    expect(names).not.toContain('order_shipped'); // pending: never offered
    expect(names).not.toContain('flash_sale_blast'); // rejected: never offered

    const users = await stack.sandbox('/sandbox/users');
    expect(users.status).toBe(200);
    expect(UsersSchema.parse(users.body).users).toContainEqual(
      expect.objectContaining({ phone: '+14155550101', name: 'Samuel Johnson' }),
    );
  });
});
