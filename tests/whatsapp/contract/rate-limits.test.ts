// Contract: throughput (130429) and pair (131056) limits (reference §7), as synchronous errors with the
// domain's retry decisions, recovering as the sandbox clock moves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WhatsAppApiError } from '../../../worker/whatsapp';
import { MARIA, rejectionOf, SAMUEL, startWorld, type World } from './harness';

let world: World;
beforeEach(async () => {
  world = await startWorld();
  await world.userSays(SAMUEL, 'hi');
  await world.userSays(MARIA, 'hi');
});
afterEach(async () => {
  await world.close();
});

describe('contract: rate limits', () => {
  it('P3 130429: over the per-number throughput the send is refused with 130429, decision retry; a second later it passes', async () => {
    // The customers' messages in beforeEach count against the same per-second budget (§7): start afresh.
    await world.advance(1000);
    await world.faults({ throughputPerSecond: 2 });
    const client = world.client();
    await client.sendText(SAMUEL, 'one');
    await client.sendText(MARIA, 'two');
    const error = await rejectionOf(client.sendText(SAMUEL, 'three'));
    expect(error).toBeInstanceOf(WhatsAppApiError);
    const e = error as WhatsAppApiError;
    expect(e).toMatchObject({ code: 130429, title: 'Rate limit hit' });
    expect(e.details).toBe('Cloud API message throughput has been reached.');
    expect(e.decision.action).toBe('retry');
    await world.advance(1000);
    await expect(client.sendText(SAMUEL, 'three again')).resolves.toMatchObject({ input: SAMUEL });
  });

  it('P3 130429 default: 80 messages per second per number, the 81st in the same second is refused', async () => {
    // The customers' messages in beforeEach count against the same per-second budget (§7): start afresh.
    await world.advance(1000);
    const client = world.client();
    const recipients = [SAMUEL, MARIA, '+5511912345678', '+14155550199'];
    for (let i = 0; i < 80; i++) await client.sendText(recipients[i % 4] as string, `m${i}`);
    await expect(rejectionOf(client.sendText(SAMUEL, 'm80'))).resolves.toMatchObject({ code: 130429 });
  });

  it('P3 §7: throughput counts inbound and outbound messages of the number', async () => {
    await world.advance(1000);
    await world.faults({ throughputPerSecond: 2 });
    await world.userSays(SAMUEL, 'one');
    await world.userSays(MARIA, 'two');
    await expect(rejectionOf(world.client().sendText(SAMUEL, 'three'))).resolves.toMatchObject({
      code: 130429,
    });
  });

  it('P3 131056: the 46th message to one user within 6 s hits the pair limit (burst 45), decision retry_pair; other users are unaffected', async () => {
    const client = world.client();
    for (let i = 0; i < 45; i++) await client.sendText(SAMUEL, `burst ${i}`);
    const error = await rejectionOf(client.sendText(SAMUEL, 'one too many'));
    expect(error).toBeInstanceOf(WhatsAppApiError);
    const e = error as WhatsAppApiError;
    expect(e.code).toBe(131056);
    expect(e.decision.action).toBe('retry_pair');
    await expect(client.sendText(MARIA, 'someone else')).resolves.toMatchObject({ input: MARIA });
    // One message per 6 s is paid back (Meta: wait 4^x s, x = 0, 1, 2 ...).
    await world.advance(6000);
    await expect(client.sendText(SAMUEL, 'after 6 s')).resolves.toMatchObject({ input: SAMUEL });
    await expect(rejectionOf(client.sendText(SAMUEL, 'again too soon'))).resolves.toMatchObject({
      code: 131056,
    });
  });

  it('P3 131056 via the faults knob: a forced pair-limit error for one recipient, then it clears', async () => {
    await world.faults({ sendErrors: [{ code: 131056, to: SAMUEL, count: 1 }] });
    const client = world.client();
    await expect(rejectionOf(client.sendText(SAMUEL, 'x'))).resolves.toMatchObject({
      code: 131056,
      decision: expect.objectContaining({ action: 'retry_pair' }),
    });
    await expect(client.sendText(SAMUEL, 'y')).resolves.toMatchObject({ input: SAMUEL });
  });
});
