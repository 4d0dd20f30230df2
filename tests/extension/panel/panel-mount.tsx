// Mounts the whole panel over fake ports (tab surface by default, or the side panel with `search: ''`).
import { render } from '@testing-library/preact';
import { vi } from 'vitest';
import { ApiFailure } from '../../../extension/api/transport';
import { PanelApp } from '../../../extension/components/panel/PanelApp';
import { createLiveHub } from '../../../extension/models/panel/live-hub';
import { createPanel } from '../../../extension/models/panel/panel';
import type { ConversationState } from '../../../extension/models/panel/status';
import type { Thread } from '../../../extension/models/panel/thread';
import { HOUR } from '../../../shared/time';
import { contact, fakeApi, fakeClock, fakeMessaging, state, T0, thread } from './fixtures';

export function mount(s: ConversationState, t: Thread | null = thread(), search = `?contact=${contact.id}`) {
  const api = fakeApi();
  const messaging = fakeMessaging();
  const clock = fakeClock();
  const live = createLiveHub();
  const smsHandOff = vi.fn();
  api.contact.mockResolvedValue(contact);
  api.whatsapp.mockResolvedValue(s);
  if (t) api.thread.mockResolvedValue(t);
  else
    api.thread.mockRejectedValue(
      new ApiFailure(404, 'not_found', 'No thread of this conversation you may read.'),
    );
  let n = 0;
  const panel = createPanel({
    api,
    messaging,
    clock,
    ids: () => `key-${++n}`,
    live,
    urls: { create: () => 'blob:x', revoke: vi.fn() },
    camera: { permission: async () => 'prompt', open: vi.fn(), openGrantPage: vi.fn(async () => undefined) },
    smsHandOff,
    tabs: {
      activeTab: async () => ({ id: 7, windowId: 1 }),
      currentTab: async () => ({ id: 7 }),
      onActivated: () => () => undefined,
    },
    search,
    replaceSearch: vi.fn(),
  });
  render(<PanelApp panel={panel} onOpenOptions={vi.fn()} />);
  void panel.start();
  return { api, messaging, clock, live, smsHandOff, panel };
}

export const noConsent = state({
  consent: 'none',
  canRequestOptIn: true,
  window: { open: false, expiresAt: null },
  canSendText: false,
  canSendTemplate: false,
  textHint: 'consent_required',
  threadId: null,
  participants: [],
  youAreParticipant: false,
});
export const pending = state({
  consent: 'pending',
  canSendText: false,
  textHint: 'queued_until_consent',
  optInAvailableAt: T0 + 24 * HOUR,
});
