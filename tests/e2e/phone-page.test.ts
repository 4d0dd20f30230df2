// Browser test of the sandbox phone page (issue 3): Samuel receives the opt-in template sent through the
// Graph API, taps "Yes", types and sends a text; a local receiver gets both webhooks, signed. Texts
// carrying HTML are shown as literal text (S3).

import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Harness, optIn, SAMUEL, startHarness, text } from '../sandbox/support/harness';
import { inboundOf, statusesOf } from '../sandbox/support/schemas';

const ClockSchema = z.object({ offsetMs: z.number() });
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const XSS_NAME = '<img src=x onerror="window.__pwned=1">';
const XSS_TEXT = '<b>bold?</b><img src=x onerror="window.__pwned=2">';

let h: Harness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  h = await startHarness();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('phone page', () => {
  it('B1/B2(b): tapping "Yes" on the opt-in and sending a text deliver two signed webhooks; HTML shows as text (S3)', async () => {
    const optInId = await h.sendOk(optIn(SAMUEL, XSS_NAME));
    await h.waitStatus(optInId, 'delivered');

    await page.goto(`${h.url}/phone/${encodeURIComponent(SAMUEL)}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Samuel Johnson');

    // The template with the hostile first name renders literally, with its quick replies.
    const bubble = page.locator('li.msg', { hasText: 'would like to send you messages' });
    await bubble.waitFor();
    expect(await bubble.locator('.text').textContent()).toContain(`Hi ${XSS_NAME}, Acme would like`);

    await page.getByRole('button', { name: 'Reply Yes' }).click();
    const tap = await h.receiver.waitFor((w) => inboundOf(w.envelope).some((m) => m.type === 'button'));
    expect(tap.signatureValid).toBe(true);
    expect(inboundOf(tap.envelope)[0]).toMatchObject({
      from: '14155550101',
      type: 'button',
      button: { payload: 'Yes', text: 'Yes' },
      context: { from: '15550100001', id: optInId },
    });

    await page.getByRole('textbox', { name: 'Message' }).fill('Great, tell me more — ça marche');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const typed = await h.receiver.waitFor((w) => inboundOf(w.envelope).some((m) => m.type === 'text'));
    expect(typed.signatureValid).toBe(true);
    expect(inboundOf(typed.envelope)[0]).toMatchObject({
      type: 'text',
      text: { body: 'Great, tell me more — ça marche' },
    });
    expect(typed.raw.toString('latin1')).toContain('\\u2014 \\u00e7a marche');

    // The window is open now: a text with HTML from the business also renders as text.
    const reply = await h.sendOk(text(SAMUEL, XSS_TEXT));
    await h.waitStatus(reply, 'delivered');
    await page.getByText(XSS_TEXT, { exact: true }).waitFor();
    await page.getByText('Great, tell me more — ça marche').waitFor();
    expect(await page.locator('#chat img').count()).toBe(0);
    expect(await page.locator('#chat b').count()).toBe(0);
    expect(await page.evaluate(() => Reflect.get(window, '__pwned'))).toBeUndefined();

    // Mark as read sends read statuses for what the phone has shown.
    await page.getByRole('button', { name: 'Mark as read' }).click();
    const read = await h.receiver.waitFor((w) =>
      statusesOf(w.envelope).some((s) => s.id === reply && s.status === 'read'),
    );
    expect(read.signatureValid).toBe(true);
  });

  it('B10/B6: the phone sends a picture, blocks and unblocks the number and skips 24 hours', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
      'hex',
    );
    await page.getByRole('textbox', { name: 'Message' }).fill('our kitchen');
    await page
      .getByLabel('Send a picture')
      .setInputFiles({ name: 'kitchen.png', mimeType: 'image/png', buffer: png });
    const pic = await h.receiver.waitFor((w) => inboundOf(w.envelope).some((m) => m.type === 'image'));
    expect(pic.signatureValid).toBe(true);
    expect(inboundOf(pic.envelope)[0]).toMatchObject({
      type: 'image',
      image: { mime_type: 'image/png', caption: 'our kitchen' },
    });
    await page.locator('li.mine img[alt="our kitchen"]').waitFor();

    await page.getByRole('button', { name: 'Block' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Unblock' }).getAttribute('aria-pressed'))
      .toBe('true');
    const blocked = await h.sendOk(optIn(SAMUEL, 'Samuel'));
    await h.waitStatus(blocked, 'sent');
    await page.getByRole('button', { name: 'Unblock' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Block' }).getAttribute('aria-pressed'))
      .toBe('false');
    expect(h.statusesOf(blocked).map((s) => s.status)).toEqual(['sent']);

    const offset = async () => ClockSchema.parse((await h.control('GET', '/sandbox/clock')).json).offsetMs;
    const before = await offset();
    await page.getByRole('button', { name: 'Skip 24 hours' }).click();
    await expect.poll(async () => (await offset()) - before).toBe(24 * 60 * 60 * 1000);
    // The window the picture opened is now closed: a free-form text fails with 131047.
    const late = await h.sendOk(text(SAMUEL, 'too late'));
    expect((await h.waitStatus(late, 'failed')).errors?.[0]?.code).toBe(131047);
  });
});
