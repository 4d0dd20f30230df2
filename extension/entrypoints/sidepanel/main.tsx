// The conversation panel: Chrome's side panel (follows the active tab's contact), or the same page in
// its own tab (`?contact=<id>[&conversation=<id>][&thread=<id>]`), or the one-time camera permission
// page (`?camera=grant`). Wires the real ports; everything else is in models/ and components/.
import '../../zod-config';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { agentApi } from '../../api/agent';
import { runtimeTransport } from '../../api/runtime-transport';
import { CameraGrant, type GrantState } from '../../components/panel/CameraGrant';
import { PanelApp } from '../../components/panel/PanelApp';
import '../../components/panel/panel.css';
import { onMessage, sendMessage } from '../../messaging/protocol';
import { createLiveHub } from '../../models/panel/live-hub';
import { createPanel } from '../../models/panel/panel';
import type { CameraPermission, CameraPort, PanelMessaging } from '../../models/panel/ports';
import { systemClock } from '../../models/panel/ports';
import type { TabsPort } from '../../models/panel/surface';

const messaging: PanelMessaging = {
  getStatus: () => sendMessage('getStatus'),
  getPanelTarget: (tabId) => sendMessage('getPanelTarget', { tabId }),
  showConversation: (tabId, target) => sendMessage('showConversation', { tabId, target }),
  markSeen: (conversationId) => sendMessage('markSeen', { conversationId }),
};

const tabs: TabsPort = {
  async activeTab() {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id === undefined ? null : { id: tab.id, windowId: tab.windowId };
  },
  async currentTab() {
    const tab = await browser.tabs.getCurrent();
    return tab?.id === undefined ? null : { id: tab.id };
  },
  onActivated(listener) {
    const handler = (info: { tabId: number; windowId: number }) => listener(info);
    browser.tabs.onActivated.addListener(handler);
    return () => browser.tabs.onActivated.removeListener(handler);
  },
};

const openCamera = () => navigator.mediaDevices.getUserMedia({ video: true, audio: false });

const camera: CameraPort = {
  async permission(): Promise<CameraPermission> {
    try {
      return (await navigator.permissions.query({ name: 'camera' as PermissionName })).state;
    } catch {
      return 'unknown';
    }
  },
  open: openCamera,
  async openGrantPage() {
    await browser.tabs.create({ url: `${browser.runtime.getURL('/sidepanel.html')}?camera=grant` });
  },
};

function smsHandOff(href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.rel = 'noopener';
  a.click();
}

function GrantPage() {
  const [state, setState] = useState<GrantState>('idle');
  const allow = async () => {
    setState('asking');
    try {
      const stream = await openCamera();
      for (const track of stream.getTracks()) track.stop();
      setState('granted');
    } catch {
      setState('denied');
    }
  };
  return <CameraGrant state={state} onAllow={() => void allow()} />;
}

function startPanel(root: HTMLElement): void {
  const live = createLiveHub();
  const panel = createPanel({
    api: agentApi(runtimeTransport),
    messaging,
    clock: systemClock,
    ids: () => crypto.randomUUID(),
    live,
    urls: { create: (blob) => URL.createObjectURL(blob), revoke: (url) => URL.revokeObjectURL(url) },
    camera,
    smsHandOff,
    tabs,
    search: location.search,
    replaceSearch: (search) => history.replaceState(null, '', search),
  });
  // One listener per message type on this page, fanned out to the models.
  onMessage('liveFrame', ({ data }) => live.emit(data));
  onMessage('panelTargetChanged', ({ data }) => panel.surface.onTargetChanged(data));
  onMessage('statusChanged', ({ data }) => panel.setSession(data));
  addEventListener('pagehide', () => panel.dispose());
  render(<PanelApp panel={panel} onOpenOptions={() => void browser.runtime.openOptionsPage()} />, root);
  void panel.start();
}

const root = document.getElementById('app') as HTMLElement;
if (new URLSearchParams(location.search).get('camera') === 'grant') render(<GrantPage />, root);
else startPanel(root);
