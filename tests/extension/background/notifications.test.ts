// B20 / B22: a customer's message and an Unassigned arrival raise a notification and the unread
// badge with no panel open; showing the conversation clears its count; a click knows what to open.
import { describe, expect, it } from 'vitest';
import {
  badgeText,
  Notifier,
  notificationId,
  parseNotificationId,
  type Unread,
} from '../../../extension/background/notifications';

function setup() {
  let unread: Record<string, Unread> = {};
  const shown: { id: string; title: string; message: string }[] = [];
  const cleared: string[] = [];
  let badge = '';
  const notifier = new Notifier({
    load: async () => structuredClone(unread),
    save: async (u) => {
      unread = u;
    },
    contactName: async (id) => (id === 'k-samuel' ? 'Samuel Johnson' : null),
    notify: async (id, title, message) => void shown.push({ id, title, message }),
    clearNotification: async (id) => void cleared.push(id),
    setBadge: async (text) => {
      badge = text;
    },
  });
  return { notifier, shown, cleared, badge: () => badge };
}

describe('notifications and the unread badge', () => {
  it('B20: a customer message notifies with the contact’s name and text, and counts on the badge', async () => {
    const { notifier, shown, badge } = setup();
    await Promise.all([
      notifier.onFrame({
        type: 'customer_message',
        conversationId: 'c1',
        contactId: 'k-samuel',
        text: 'Hello?',
      }),
      notifier.onFrame({
        type: 'customer_message',
        conversationId: 'c1',
        contactId: 'k-samuel',
        text: 'Anyone?',
      }),
    ]);
    expect(shown[0]).toEqual({
      id: notificationId('c1', 'k-samuel'),
      title: 'Samuel Johnson on WhatsApp',
      message: 'Hello?',
    });
    expect(badge()).toBe('2');
  });

  it('B22: an Unassigned arrival notifies too, saying nobody is in the conversation', async () => {
    const { notifier, shown, badge } = setup();
    await notifier.onFrame({ type: 'unassigned', conversationId: 'c2', contactId: 'k-other' });
    expect(shown[0]?.title).toBe('A customer is waiting on WhatsApp');
    expect(shown[0]?.message).toContain('Nobody is in this conversation');
    expect(badge()).toBe('1');
  });

  it('other frames raise nothing', async () => {
    const { notifier, shown } = setup();
    await notifier.onFrame({ type: 'conversation', conversationId: 'c1', contactId: 'k-samuel' });
    expect(shown).toEqual([]);
  });

  it('B20: seeing the conversation clears its count and its notification, not the others', async () => {
    const { notifier, cleared, badge } = setup();
    await notifier.onFrame({
      type: 'customer_message',
      conversationId: 'c1',
      contactId: 'k-samuel',
      text: 'a',
    });
    await notifier.onFrame({ type: 'unassigned', conversationId: 'c2', contactId: 'k-other' });
    await notifier.markSeen('c1');
    expect(badge()).toBe('1');
    expect(cleared).toEqual([notificationId('c1', 'k-samuel')]);
  });

  it('a notification id names its conversation and contact; others are not ours', () => {
    expect(parseNotificationId(notificationId('c1', 'k1'))).toEqual({
      conversationId: 'c1',
      contactId: 'k1',
    });
    expect(parseNotificationId('someone-else')).toBeNull();
    expect(badgeText({})).toBe('');
    expect(badgeText({ a: { contactId: 'k', count: 120 } })).toBe('99+');
  });
});
