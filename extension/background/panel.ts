// Which contact the conversation panel shows, per tab (the side panel follows the active tab), and
// opening it: Chrome's side panel when there is one and the user prefers it, otherwise the same page
// in its own window. `openNow` must run synchronously in the click's message handler: Chrome allows
// `sidePanel.open` only in response to a user gesture.
import type { PanelTarget } from '../messaging/protocol';

export type Surface = 'side_panel' | 'window';

export interface PanelDeps {
  loadTargets: () => Promise<Record<string, PanelTarget>>;
  saveTargets: (targets: Record<string, PanelTarget>) => Promise<void>;
  broadcast: (tabId: number | null, target: PanelTarget) => void;
  /** Undefined where the browser has no side panel (Firefox). */
  openSidePanel?: (tabId: number) => Promise<void>;
  openWindow: (url: string) => Promise<void>;
  /** The user's preference, read synchronously (kept in memory by the caller). */
  preferred: () => Surface;
  pageUrl: (query: string) => string;
}

/** The panel page's query for a target: `?contact=…&conversation=…&thread=…`. */
export function panelQuery(target: PanelTarget): string {
  const params = new URLSearchParams({ contact: target.contactId });
  if (target.conversationId) params.set('conversation', target.conversationId);
  if (target.threadId) params.set('thread', target.threadId);
  return `?${params.toString()}`;
}

const key = (tabId: number | null) => (tabId === null ? 'window' : String(tabId));

export class Panels {
  constructor(private readonly deps: PanelDeps) {}

  /** Starts opening the side panel for this tab; resolves to whether it opened. */
  openNow(tabId: number | null): Promise<boolean> {
    const open = this.deps.openSidePanel;
    if (tabId === null || !open || this.deps.preferred() !== 'side_panel') return Promise.resolve(false);
    return open(tabId).then(
      () => true,
      () => false,
    );
  }

  /** Shows `target` for this tab: in the side panel if it opened, else in the panel window. */
  async show(tabId: number | null, target: PanelTarget, sidePanelOpened: boolean): Promise<Surface> {
    const targets = await this.deps.loadTargets();
    targets[key(tabId)] = target;
    await this.deps.saveTargets(targets);
    this.deps.broadcast(tabId, target);
    if (sidePanelOpened) return 'side_panel';
    await this.deps.openWindow(this.deps.pageUrl(panelQuery(target)));
    return 'window';
  }

  /** Remembers what a panel chose to show (History, Unassigned) without opening anything. */
  async remember(tabId: number | null, target: PanelTarget): Promise<void> {
    const targets = await this.deps.loadTargets();
    targets[key(tabId)] = target;
    await this.deps.saveTargets(targets);
    this.deps.broadcast(tabId, target);
  }

  async targetFor(tabId: number | null): Promise<PanelTarget | null> {
    return (await this.deps.loadTargets())[key(tabId)] ?? null;
  }

  async forgetTab(tabId: number): Promise<void> {
    const targets = await this.deps.loadTargets();
    if (!(key(tabId) in targets)) return;
    delete targets[key(tabId)];
    await this.deps.saveTargets(targets);
  }
}
