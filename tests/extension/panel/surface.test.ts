// Where the panel lives (issue 9 item 1): the side panel follows the active tab's contact; the tab
// surface reads its contact from the URL; picking a conversation tells the background or the URL.
import { describe, expect, it, vi } from 'vitest';
import {
  createSurfaceModel,
  searchFor,
  targetFromSearch,
  type TabsPort,
} from '../../../extension/models/panel/surface';
import { fakeMessaging, settle } from './fixtures';

const samuel = { contactId: 'c-samuel', conversationId: null, threadId: null };
const maria = { contactId: 'c-maria', conversationId: 'conv-2', threadId: null };

function fakeTabs(active = { id: 7, windowId: 1 }) {
  let listener: ((info: { tabId: number; windowId: number }) => void) | null = null;
  const tabs: TabsPort = {
    activeTab: async () => active,
    currentTab: async () => ({ id: 42 }),
    onActivated: (l) => {
      listener = l;
      return () => {
        listener = null;
      };
    },
  };
  return { tabs, activate: (tabId: number, windowId = 1) => listener?.({ tabId, windowId }) };
}

describe('panel surface', () => {
  it('reads and writes the tab surface’s URL', () => {
    expect(targetFromSearch('?contact=c1&conversation=v1&thread=t1')).toEqual({
      contactId: 'c1',
      conversationId: 'v1',
      threadId: 't1',
    });
    expect(targetFromSearch('')).toBeNull();
    expect(searchFor({ contactId: 'c 1', conversationId: null, threadId: 't1' })).toBe(
      '?contact=c+1&thread=t1',
    );
  });

  it('side panel: shows the active tab’s contact, follows tab switches in its window and target changes of its tab', async () => {
    const messaging = fakeMessaging(samuel);
    const { tabs, activate } = fakeTabs();
    const surface = createSurfaceModel({ messaging, tabs, search: '', replaceSearch: vi.fn() });
    await surface.start();
    expect(surface.kind).toBe('side_panel');
    expect(messaging.getPanelTarget).toHaveBeenCalledWith(7);
    expect(surface.target.value).toEqual(samuel);
    expect(surface.view.value).toBe('conversation');

    surface.onTargetChanged({ tabId: 99, target: maria });
    expect(surface.target.value).toEqual(samuel);
    surface.onTargetChanged({ tabId: 7, target: maria });
    expect(surface.target.value).toEqual(maria);

    messaging.getPanelTarget.mockResolvedValue(null);
    activate(8, 2);
    await settle();
    expect(surface.tabId.value).toBe(7);
    activate(8, 1);
    await settle();
    expect(surface.tabId.value).toBe(8);
    expect(surface.target.value).toBeNull();
    expect(surface.view.value).toBe('lists');
  });

  it('side panel: picking a conversation tells the background for this tab', async () => {
    const messaging = fakeMessaging(null);
    const surface = createSurfaceModel({
      messaging,
      tabs: fakeTabs().tabs,
      search: '',
      replaceSearch: vi.fn(),
    });
    await surface.start();
    surface.show(maria);
    expect(messaging.showConversation).toHaveBeenCalledWith(7, maria);
    expect(surface.view.value).toBe('conversation');
    surface.showList('history');
    expect(surface.view.value).toBe('history');
    surface.backToConversation();
    expect(surface.view.value).toBe('conversation');
  });

  it('tab surface: the URL names the contact; picking another rewrites the URL', async () => {
    const messaging = fakeMessaging();
    const replaceSearch = vi.fn();
    const surface = createSurfaceModel({
      messaging,
      tabs: fakeTabs().tabs,
      search: '?contact=c-samuel',
      replaceSearch,
    });
    await surface.start();
    expect(surface.kind).toBe('tab');
    expect(surface.target.value).toEqual(samuel);
    expect(messaging.getPanelTarget).not.toHaveBeenCalled();
    surface.show(maria);
    expect(replaceSearch).toHaveBeenCalledWith('?contact=c-maria&conversation=conv-2');
    expect(messaging.showConversation).not.toHaveBeenCalled();
  });
});
