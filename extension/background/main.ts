// Wires the background's services to the browser: storage, the live socket, notifications and the
// badge, the panel, the generic adapter's run-time registration, and the message router.
import { storage } from '@wxt-dev/storage';
import { browser } from 'wxt/browser';
import type { LiveFrame } from '../../shared/api/live';
import { agentApi } from '../api/agent';
import type { Transport } from '../api/transport';
import { CRM_MATCHES, DEMO_MATCHES } from '../crm/matches';
import { onMessage, type PanelTarget, type ProtocolMap, sendMessage } from '../messaging/protocol';
import {
  defaultCountrySetting,
  genericPagesSetting,
  panelSurfaceSetting,
  serverUrlSetting,
} from '../settings';
import { GlanceService } from './glance';
import { LiveConnection } from './live';
import { Notifier, parseNotificationId, type Unread } from './notifications';
import { Panels, type Surface } from './panel';
import { createHandlers, type Handlers, type Sender } from './router';
import { Session, type StoredSession } from './session';

const sessionItem = storage.defineItem<StoredSession | null>('session:greenline', { fallback: null });
const unreadItem = storage.defineItem<Record<string, Unread>>('session:unread', { fallback: {} });
const targetsItem = storage.defineItem<Record<string, PanelTarget>>('session:panelTargets', { fallback: {} });
const panelWindowItem = storage.defineItem<number | null>('session:panelWindow', { fallback: null });
const GENERIC_SCRIPT_ID = 'greenline-generic';
const LIVE_ALARM = 'greenline-live';

/** Sends to every tab's content script; tabs without one simply do not answer. */
async function toTabs<K extends 'statusChanged' | 'glanceChanged'>(
  type: K,
  data: Parameters<ProtocolMap[K]>[0],
) {
  const tabs = await browser.tabs.query({});
  const send = sendMessage as (t: K, d: typeof data, tabId: number) => Promise<unknown>;
  await Promise.all(
    tabs.map((tab) => (tab.id === undefined ? null : send(type, data, tab.id).catch(() => null))),
  );
}

/** Sends to the extension's open pages (panel, options); none open is fine. */
function toPages<K extends keyof ProtocolMap>(type: K, data: Parameters<ProtocolMap[K]>[0]): void {
  sendMessage(type, data as never).catch(() => null);
}

async function openPanelWindow(url: string): Promise<void> {
  const existing = await panelWindowItem.getValue();
  if (existing !== null) {
    try {
      const win = await browser.windows.get(existing, { populate: true });
      const tabId = win.tabs?.[0]?.id;
      if (tabId !== undefined) {
        await browser.tabs.update(tabId, { url });
        await browser.windows.update(existing, { focused: true });
        return;
      }
    } catch {
      // The window was closed: open a new one.
    }
  }
  const created = await browser.windows.create({ url, type: 'popup', width: 420, height: 760 });
  await panelWindowItem.setValue(created?.id ?? null);
}

async function syncGenericScript(): Promise<void> {
  const wanted =
    (await genericPagesSetting.getValue()) &&
    (await browser.permissions.contains({ origins: ['<all_urls>'] }));
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [GENERIC_SCRIPT_ID] });
  const script = {
    id: GENERIC_SCRIPT_ID,
    js: ['content-scripts/generic.js'],
    matches: ['<all_urls>'],
    // Never where the CRM script runs: two scripts would each sweep the other's action away. The
    // demo CRM pages are the CRM script's in development builds (and exist nowhere else).
    excludeMatches: [...CRM_MATCHES, ...DEMO_MATCHES],
    runAt: 'document_idle' as const,
  };
  if (wanted && registered.length === 0) {
    await browser.scripting.registerContentScripts([script]);
  } else if (wanted) {
    // Registered by an earlier version: brought to this one's definition.
    await browser.scripting.updateContentScripts([script]);
  } else if (!wanted && registered.length > 0) {
    await browser.scripting.unregisterContentScripts({ ids: [GENERIC_SCRIPT_ID] });
  }
}

export function startBackground(): void {
  let surface: Surface = 'side_panel';
  void panelSurfaceSetting.getValue().then((value) => (surface = value));
  panelSurfaceSetting.watch((value) => (surface = value ?? 'side_panel'));

  const session = new Session({
    fetch: (input, init) => fetch(input, init),
    store: {
      get: () => sessionItem.getValue(),
      set: (value) => sessionItem.setValue(value),
      clear: () => sessionItem.setValue(null),
    },
    now: () => Date.now(),
    defaultServer: () => serverUrlSetting.getValue(),
    onChange: (status) => {
      void toTabs('statusChanged', status);
      toPages('statusChanged', status);
      if (status.enabled) live.start();
      else {
        live.stop();
        void notifier.clearAll();
      }
    },
  });
  const transport: Transport = (request) => session.request(request);
  const api = agentApi(transport);

  const glance = new GlanceService({
    api: () => api,
    defaultCountry: () => defaultCountrySetting.getValue(),
    now: Date.now,
  });
  const notifier = new Notifier({
    load: () => unreadItem.getValue(),
    save: (value) => unreadItem.setValue(value),
    contactName: (id) =>
      api.contact(id).then(
        (c) => c.name,
        () => null,
      ),
    notify: async (id, title, message) => {
      await browser.notifications.create(id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title,
        message,
        priority: 1,
      });
    },
    clearNotification: async (id) => {
      await browser.notifications.clear(id);
    },
    setBadge: async (text) => {
      await browser.action.setBadgeBackgroundColor({ color: '#0B6E4F' });
      await browser.action.setBadgeText({ text });
    },
  });

  const onFrame = (frame: LiveFrame) => {
    void notifier.onFrame(frame);
    if (frame.type === 'conversation' || frame.type === 'customer_message' || frame.type === 'unassigned') {
      glance.invalidate(frame.contactId);
      void toTabs('glanceChanged', { contactId: frame.contactId });
    }
    toPages('liveFrame', frame);
  };
  const live = new LiveConnection({
    ticketUrl: async () => {
      const status = await session.status();
      if (!status.enabled) return null;
      return (await api.liveTicket()).url;
    },
    open: (url) => new WebSocket(url),
    onFrame,
    onResumed: () => {
      // Frames sent while the socket was down are lost: the glances and every open page read afresh.
      glance.invalidate(null);
      void toTabs('glanceChanged', { contactId: null });
      toPages('liveFrame', { type: 'live_resumed' });
    },
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    random: Math.random,
  });

  const panels = new Panels({
    loadTargets: () => targetsItem.getValue(),
    saveTargets: (value) => targetsItem.setValue(value),
    broadcast: (tabId, target) => toPages('panelTargetChanged', { tabId, target }),
    ...(browser.sidePanel ? { openSidePanel: (tabId: number) => browser.sidePanel.open({ tabId }) } : {}),
    openWindow: openPanelWindow,
    preferred: () => surface,
    pageUrl: (query) => browser.runtime.getURL(`/sidepanel.html${query}` as '/sidepanel.html'),
  });

  const handlers = createHandlers({
    extensionId: browser.runtime.id,
    extensionOrigin: new URL(browser.runtime.getURL('/sidepanel.html')).origin,
    session,
    api: () => api,
    glance: (phones) => glance.glance(phones),
    invalidate: (contactId) => glance.invalidate(contactId),
    panels,
    markSeen: (conversationId) => notifier.markSeen(conversationId),
    defaultCountry: () => defaultCountrySetting.getValue(),
  });
  register(handlers);

  browser.notifications.onClicked.addListener((id) => {
    const about = parseNotificationId(id);
    if (!about) return;
    const target = { contactId: about.contactId, conversationId: about.conversationId, threadId: null };
    void panels.show(null, target, false);
    void notifier.markSeen(about.conversationId);
  });
  browser.tabs.onRemoved.addListener((tabId) => void panels.forgetTab(tabId));
  browser.permissions.onAdded.addListener(() => void syncGenericScript());
  browser.permissions.onRemoved.addListener(() => void syncGenericScript());
  genericPagesSetting.watch(() => void syncGenericScript());
  void syncGenericScript().catch(() => null);

  // A service worker stopped by the browser comes back on this alarm and reconnects the socket.
  void browser.alarms.create(LIVE_ALARM, { periodInMinutes: 0.5 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === LIVE_ALARM) void session.status().then((s) => s.enabled && live.start());
  });
  void session.status(true).then((s) => s.enabled && live.start());
}

function register(handlers: Handlers): void {
  for (const [type, handler] of Object.entries(handlers)) {
    const typed = handler as (data: unknown, sender: Sender) => unknown;
    onMessage(type as keyof ProtocolMap, (message) => typed(message.data, message.sender as Sender) as never);
  }
}
