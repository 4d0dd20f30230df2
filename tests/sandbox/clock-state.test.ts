// The sandbox clock (SPEC §5: one call moves the sandbox and the worker's dev clock; I9 timers) and the
// optional state file that keeps the simulated world across restarts.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startSandbox } from '../../sandbox/index';
import { HOUR } from '../../shared/time';
import { type Harness, startHarness, text } from './support/harness';
import { ControlErrorSchema } from './support/schemas';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const expect400 = (reply: { status: number; json: unknown }, fragment: string) => {
  expect(reply.status).toBe(400);
  expect(ControlErrorSchema.parse(reply.json).error.message).toContain(fragment);
};

describe('clock', () => {
  it('POST /sandbox/clock moves the sandbox clock and forwards {advanceMs} to the worker’s dev clock', async () => {
    const calls: unknown[] = [];
    const worker = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        calls.push({ path: req.url, body: JSON.parse(body) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => worker.listen(0, '127.0.0.1', r));
    const port = (worker.address() as AddressInfo).port;
    try {
      h = await startHarness({ workerClockUrl: `http://127.0.0.1:${port}/__dev/clock` });
      const before = z
        .object({ nowMs: z.number() })
        .parse((await h.control('GET', '/sandbox/clock')).json).nowMs;
      const moved = await h.advance(3 * HOUR);
      expect(moved).toMatchObject({
        status: 200,
        json: { advancedMs: 3 * HOUR, worker: { forwarded: true, status: 200 } },
      });
      const after = z.object({ nowMs: z.number() }).parse(moved.json).nowMs;
      expect(after - before).toBeGreaterThanOrEqual(3 * HOUR);
      expect(calls).toEqual([{ path: '/__dev/clock', body: { advanceMs: 3 * HOUR } }]);
    } finally {
      worker.close();
    }
  });

  it('without a worker clock URL nothing is forwarded; an unreachable worker is reported, the sandbox still moves', async () => {
    h = await startHarness();
    expect((await h.advance(1_000)).json).toMatchObject({ worker: { forwarded: false } });
    await h.close();
    h = await startHarness({ workerClockUrl: 'http://127.0.0.1:9/__dev/clock' });
    const reply = await h.advance(1_000);
    expect(reply).toMatchObject({
      status: 200,
      json: { offsetMs: 1_000, worker: { forwarded: false, error: expect.any(String) } },
    });
  });

  it('S4: a negative or non-numeric advance is 400 and the clock does not move', async () => {
    h = await startHarness();
    expect400(await h.advance(-5), 'advanceMs');
    expect400(await h.control('POST', '/sandbox/clock', { advanceMs: '1h' }), 'advanceMs');
    expect((await h.control('GET', '/sandbox/clock')).json).toMatchObject({ offsetMs: 0 });
  });
});

describe('state file', () => {
  it('users, messages, windows, media and the clock survive a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
    const stateFile = join(dir, 'state.json');
    try {
      h = await startHarness({ stateFile });
      await h.control('POST', '/sandbox/users', { phone: '+447700900444', name: 'Kept', onWhatsApp: true });
      await h.userSays('+447700900444', { text: 'open the window' });
      const wamid = await h.sendOk(text('+447700900444', 'inside'));
      await h.advance(2 * HOUR);
      await h.close();
      h = await startHarness({ stateFile });
      const inbox = await h.control('GET', '/sandbox/users/+447700900444/messages');
      expect(inbox.json).toMatchObject({
        user: { name: 'Kept' },
        messages: [{ wamid, text: 'inside' }],
        sent: [{ text: 'open the window' }],
      });
      expect((await h.control('GET', '/sandbox/clock')).json).toMatchObject({ offsetMs: 2 * HOUR });
      await h.waitStatus(await h.sendOk(text('+447700900444', 'window still open')), 'delivered');
    } finally {
      await h?.close();
      h = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('start', () => {
  it('a port already in use rejects startSandbox with the reason', async () => {
    h = await startHarness();
    const port = Number(new URL(h.url).port);
    await expect(startSandbox({ port, webhookUrl: null, stateFile: null })).rejects.toThrow(/EADDRINUSE/);
  });
});
