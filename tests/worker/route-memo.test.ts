// What the route objects keep (worker/conversations/route-memo.ts; docs/webhook-routing.md): a
// number's route and its known customers, read once; nothing a `forget` should have dropped, not even
// a read that was under way when it came; and nothing past its age limit.
import { describe, expect, it } from 'vitest';
import { ROUTE_MAX_AGE_MS, RouteMemo, type RouteReads } from '../../worker/conversations/route-memo';
import type { ContactRow } from '../../worker/storage/repos/contacts';
import type { MessageRoute, NumberRow } from '../../worker/storage/repos/numbers';

const number = { id: 'n1', orgId: 'acme', phoneNumberId: 'pn1' } as NumberRow;
const contact = (id: string) => ({ id, orgId: 'acme', phone: '+14155550100' }) as ContactRow;

function directory() {
  const state = { enabled: true, conversations: new Map([['wa1', 'c1']]), reads: 0 };
  let release: (() => void) | null = null;
  const reads: RouteReads = {
    async route(_pnid, key) {
      state.reads++;
      const answer: MessageRoute = {
        number,
        enabled: state.enabled,
        org: null,
        known:
          key && state.conversations.has(key)
            ? { conversationId: state.conversations.get(key) ?? '', contact: contact(key) }
            : null,
      };
      if (release === null) return answer;
      await new Promise<void>((resolve) => {
        const open = release;
        release = () => {
          open?.();
          resolve();
        };
      });
      return answer;
    },
    async number() {
      state.reads++;
      return { number, enabled: state.enabled, org: null };
    },
  };
  const hold = () => {
    release = () => {};
  };
  const letGo = () => {
    const go = release;
    release = null;
    go?.();
  };
  return { state, reads, hold, letGo };
}

describe('route objects (P1, B21)', () => {
  it('P1: a known customer is read once; later messages are answered from memory', async () => {
    const d = directory();
    const memo = new RouteMemo(d.reads);
    expect((await memo.route('pn1', 'wa1'))?.known?.conversationId).toBe('c1');
    expect((await memo.route('pn1', 'wa1'))?.known?.conversationId).toBe('c1');
    expect((await memo.numberOf('pn1'))?.enabled).toBe(true);
    expect(d.state.reads).toBe(1);
  });

  it('P1 / B22: a customer not known yet is asked again each time (their first message adds them without telling)', async () => {
    const d = directory();
    const memo = new RouteMemo(d.reads);
    expect((await memo.route('pn1', 'wa2'))?.known).toBeNull();
    d.state.conversations.set('wa2', 'c2');
    expect((await memo.route('pn1', 'wa2'))?.known?.conversationId).toBe('c2');
    expect(d.state.reads).toBe(2);
  });

  it('B21: after forget, the next answer is what the directory holds now', async () => {
    const d = directory();
    const memo = new RouteMemo(d.reads);
    await memo.route('pn1', 'wa1');
    d.state.enabled = false;
    memo.forget();
    expect((await memo.route('pn1', 'wa1'))?.enabled).toBe(false);
    expect((await memo.numberOf('pn1'))?.enabled).toBe(false);
  });

  it('B21: a read under way when forget came is answered but not kept', async () => {
    const d = directory();
    const memo = new RouteMemo(d.reads);
    d.hold();
    const racing = memo.route('pn1', 'wa1');
    await Promise.resolve();
    d.state.enabled = false;
    memo.forget();
    d.letGo();
    expect((await racing)?.enabled).toBe(true);
    expect((await memo.route('pn1', 'wa1'))?.enabled).toBe(false);
  });

  it('B21: an answer older than the age limit is read again; readAt says when it was read, validAt when vouched', async () => {
    const d = directory();
    let now = 1_000;
    const memo = new RouteMemo(d.reads, () => now);
    await memo.route('pn1', 'wa1');
    now += ROUTE_MAX_AGE_MS - 1;
    const kept = await memo.route('pn1', 'wa1');
    expect(kept).toMatchObject({ readAt: 1_000, validAt: 1_000 + ROUTE_MAX_AGE_MS - 1 });
    expect(d.state.reads).toBe(1);
    now += 1;
    expect((await memo.route('pn1', 'wa1'))?.readAt).toBe(now);
    expect(d.state.reads).toBe(2);
  });

  it("P1: a conversation intake just created is learnt, so the customer's next message needs no read", async () => {
    const d = directory();
    let now = 1_000;
    const memo = new RouteMemo(d.reads, () => now);
    const first = await memo.route('pn1', 'wa9');
    expect(first?.known).toBeNull();
    // Intake created the contact and its conversation, and tells the memo as of its read.
    d.state.conversations.set('wa9', 'c9');
    now += 5;
    memo.learn('wa9', { conversationId: 'c9', contact: contact('wa9') }, first?.readAt ?? 0);
    const next = await memo.route('pn1', 'wa9');
    expect(next?.known?.conversationId).toBe('c9');
    expect(next?.readAt).toBe(1_000);
    expect(d.state.reads).toBe(1);
  });

  it('B21: nothing is learnt once the memo forgot after the read it came from', async () => {
    const d = directory();
    let now = 1_000;
    const memo = new RouteMemo(d.reads, () => now);
    const first = await memo.route('pn1', 'wa9');
    now += 5;
    memo.forget(); // e.g. the customer was linked to another contact meanwhile
    d.state.conversations.set('wa9', 'c-linked');
    await memo.route('pn1', 'wa1'); // another customer's message: the number is kept again
    memo.learn('wa9', { conversationId: 'c9', contact: contact('wa9') }, first?.readAt ?? 0);
    expect((await memo.route('pn1', 'wa9'))?.known?.conversationId).toBe('c-linked');
    expect(d.state.reads).toBe(3);
  });
});
