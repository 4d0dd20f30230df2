// The content script's loop: on every DOM change (batched to one pass per frame), single-page
// navigation and a 1 s backstop (mutations inside shadow roots are not observed), ask the adapter
// which records are on the page and keep exactly one action per record, only while the signed-in
// user and their org are enabled (B18). Adapters only read; this file owns the page changes.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { effectiveUrl } from '../crm/demo-url';
import type { CrmAdapter, Found } from '../crm/types';
import { onMessage, type SessionStatus, sendMessage } from '../messaging/protocol';
import { ActionController, type ActionPorts } from './controller';
import { sweepStrays } from './mount';

export interface Runner {
  pass(): void;
  setStatus(status: SessionStatus | null): void;
  refreshGlances(contactId: string | null): void;
  controllers(): ReadonlyMap<string, ActionController>;
  stop(): void;
}

/** The page logic without WXT or runtime messaging, so it runs in happy-dom with fakes. */
export function createRunner(
  doc: Document,
  adapters: readonly CrmAdapter[],
  ports: ActionPorts,
  href: () => string,
): Runner {
  const live = new Map<string, ActionController>();
  let status: SessionStatus | null = null;

  const findAll = (): Found[] => {
    const real = new URL(href());
    const url = effectiveUrl(real);
    const adapter = adapters.find((a) => a.matches(url));
    if (!adapter) return [];
    const found = adapter.find(doc, url);
    // On the sandbox's demo pages the CRM link is the page itself, not the CRM's real URL.
    return url.href === real.href
      ? found
      : found.map((f) => ({ ...f, record: { ...f.record, url: real.href } }));
  };

  const pass = () => {
    const found = status?.enabled ? findAll() : [];
    const keep = new Set<string>();
    for (const f of found) {
      const key = `${f.record.crm}:${f.record.recordId}`;
      if (keep.has(key)) continue;
      keep.add(key);
      const existing = live.get(key);
      if (existing) existing.update(f);
      else live.set(key, new ActionController(f, ports));
    }
    for (const [key, controller] of live) {
      if (keep.has(key)) continue;
      controller.remove();
      live.delete(key);
    }
    sweepStrays(doc, new Set([...live.values()].map((c) => c.outer)));
  };

  return {
    pass,
    setStatus: (next) => {
      status = next;
      pass();
    },
    refreshGlances: (contactId) => {
      for (const c of live.values())
        if (contactId === null || c.contactIds.includes(contactId) || c.contactIds.length === 0)
          void c.refresh();
    },
    controllers: () => live,
    stop: () => {
      for (const c of live.values()) c.remove();
      live.clear();
    },
  };
}

export function runActions(ctx: ContentScriptContext, adapters: readonly CrmAdapter[]): void {
  const runner = createRunner(
    document,
    adapters,
    {
      glance: (phones) => sendMessage('glance', { phones }),
      open: (record, phone) => sendMessage('openConversation', { record, phone }),
    },
    () => location.href,
  );
  let frame = 0;
  const schedule = () => {
    if (frame || ctx.isInvalid) return;
    frame = ctx.requestAnimationFrame(() => {
      frame = 0;
      runner.pass();
    });
  };
  const observer = new MutationObserver(schedule);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  ctx.onInvalidated(() => {
    observer.disconnect();
    runner.stop();
  });
  ctx.addEventListener(window, 'wxt:locationchange', schedule);
  ctx.setInterval(schedule, 1000);
  // Glances age (the window closes): refresh them now and then while the page stays open.
  ctx.setInterval(() => runner.refreshGlances(null), 60_000);

  onMessage('statusChanged', ({ data }) => runner.setStatus(data));
  onMessage('glanceChanged', ({ data }) => runner.refreshGlances(data.contactId));
  void sendMessage('getStatus').then(
    (status) => runner.setStatus(status),
    () => runner.setStatus(null),
  );
}
