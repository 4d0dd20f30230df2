// Where the panel lives and what it shows (issue 9, item 1). In Chrome's side panel it follows the
// active tab: the background knows each tab's contact (`getPanelTarget`) and says when it changes.
// In its own tab the URL names the contact (`?contact=&conversation=&thread=`). Without a contact,
// the History and Unassigned lists.
import { signal } from '@preact/signals';
import type { PanelTarget } from '../../messaging/protocol';
import type { PanelMessaging } from './ports';

export type PanelView = 'conversation' | 'history' | 'unassigned' | 'lists';

export interface TabsPort {
  /** The active tab of this window (side panel), or this page's own tab (tab surface). */
  activeTab(): Promise<{ id: number; windowId: number } | null>;
  currentTab(): Promise<{ id: number } | null>;
  onActivated(listener: (info: { tabId: number; windowId: number }) => void): () => void;
}

export interface SurfaceDeps {
  messaging: PanelMessaging;
  tabs: TabsPort;
  /** The page's query string. */
  search: string;
  /** Replaces the page's query string (tab surface), so a reload shows the same conversation. */
  replaceSearch: (search: string) => void;
}

export function targetFromSearch(search: string): PanelTarget | null {
  const params = new URLSearchParams(search);
  const contactId = params.get('contact');
  if (!contactId) return null;
  return { contactId, conversationId: params.get('conversation'), threadId: params.get('thread') };
}

export function searchFor(target: PanelTarget): string {
  const params = new URLSearchParams({ contact: target.contactId });
  if (target.conversationId) params.set('conversation', target.conversationId);
  if (target.threadId) params.set('thread', target.threadId);
  return `?${params.toString()}`;
}

export function sameTarget(a: PanelTarget | null, b: PanelTarget | null): boolean {
  return (
    a?.contactId === b?.contactId && a?.conversationId === b?.conversationId && a?.threadId === b?.threadId
  );
}

export function createSurfaceModel({ messaging, tabs, search, replaceSearch }: SurfaceDeps) {
  const fromUrl = targetFromSearch(search);
  const kind: 'side_panel' | 'tab' = fromUrl ? 'tab' : 'side_panel';
  const tabId = signal<number | null>(null);
  const target = signal<PanelTarget | null>(null);
  const view = signal<PanelView>('lists');
  let windowId: number | null = null;
  let started = false;
  let stopActivated: () => void = () => undefined;

  function follow(next: PanelTarget | null): void {
    if (!sameTarget(target.value, next)) target.value = next;
    view.value = next ? 'conversation' : 'lists';
  }

  async function followTab(id: number): Promise<void> {
    tabId.value = id;
    const next = await messaging.getPanelTarget(id).catch(() => null);
    if (tabId.value === id) follow(next);
  }

  return {
    kind,
    tabId,
    target,
    view,
    async start(): Promise<void> {
      if (started) return;
      started = true;
      if (fromUrl) {
        tabId.value = (await tabs.currentTab())?.id ?? null;
        follow(fromUrl);
        return;
      }
      const active = await tabs.activeTab();
      windowId = active?.windowId ?? null;
      stopActivated = tabs.onActivated((info) => {
        if (windowId === null || info.windowId === windowId) void followTab(info.tabId);
      });
      if (active) await followTab(active.id);
    },
    /** `panelTargetChanged` from the background: follow it when it is about the tab we show. */
    onTargetChanged(data: { tabId: number | null; target: PanelTarget }): void {
      if (data.tabId === tabId.value) follow(data.target);
    },
    /** The user picked a conversation (History, Unassigned). */
    show(next: PanelTarget): void {
      follow(next);
      if (kind === 'tab') replaceSearch(searchFor(next));
      else void messaging.showConversation(tabId.value, next).catch(() => undefined);
    },
    showList(which: 'history' | 'unassigned'): void {
      view.value = which;
    },
    backToConversation(): void {
      view.value = target.value ? 'conversation' : 'lists';
    },
    dispose: () => stopActivated(),
  };
}

export type SurfaceModel = ReturnType<typeof createSurfaceModel>;
