// B20: a customer's message raises a browser notification and the unread badge, also with no panel
// open; so does a conversation waiting in Unassigned (B22). Unread counts live in storage.session so
// a restarted service worker keeps them; the panel clears a conversation's count when it shows it.
import type { LiveFrame } from '../../shared/api/live';

export interface Unread {
  contactId: string;
  count: number;
}

export interface NotifierDeps {
  load: () => Promise<Record<string, Unread>>;
  save: (unread: Record<string, Unread>) => Promise<void>;
  contactName: (contactId: string) => Promise<string | null>;
  notify: (id: string, title: string, message: string) => Promise<void>;
  clearNotification: (id: string) => Promise<void>;
  setBadge: (text: string) => Promise<void>;
}

export function badgeText(unread: Record<string, Unread>): string {
  const total = Object.values(unread).reduce((sum, u) => sum + u.count, 0);
  if (total === 0) return '';
  return total > 99 ? '99+' : String(total);
}

export function notificationId(conversationId: string, contactId: string): string {
  return `greenline:${conversationId}:${contactId}`;
}

/** The conversation and contact a notification is about, or null for someone else's notification. */
export function parseNotificationId(id: string): { conversationId: string; contactId: string } | null {
  const match = /^greenline:([A-Za-z0-9_-]{1,64}):([A-Za-z0-9_-]{1,64})$/.exec(id);
  return match?.[1] && match[2] ? { conversationId: match[1], contactId: match[2] } : null;
}

export class Notifier {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: NotifierDeps) {}

  onFrame(frame: LiveFrame): Promise<void> {
    if (frame.type !== 'customer_message' && frame.type !== 'unassigned') return Promise.resolve();
    return this.serial(async () => {
      const unread = await this.deps.load();
      const entry = unread[frame.conversationId] ?? { contactId: frame.contactId, count: 0 };
      unread[frame.conversationId] = { contactId: frame.contactId, count: entry.count + 1 };
      await this.deps.save(unread);
      await this.deps.setBadge(badgeText(unread));
      const name = (await this.deps.contactName(frame.contactId)) ?? 'A customer';
      const id = notificationId(frame.conversationId, frame.contactId);
      if (frame.type === 'customer_message') {
        await this.deps.notify(
          id,
          `${name} on WhatsApp`,
          frame.text ?? 'Sent a picture or another attachment.',
        );
      } else {
        await this.deps.notify(
          id,
          `${name} is waiting on WhatsApp`,
          'Nobody is in this conversation. Open it to reply.',
        );
      }
    });
  }

  markSeen(conversationId: string): Promise<void> {
    return this.serial(async () => {
      const unread = await this.deps.load();
      const entry = unread[conversationId];
      if (!entry) return;
      delete unread[conversationId];
      await this.deps.save(unread);
      await this.deps.setBadge(badgeText(unread));
      await this.deps.clearNotification(notificationId(conversationId, entry.contactId));
    });
  }

  clearAll(): Promise<void> {
    return this.serial(async () => {
      await this.deps.save({});
      await this.deps.setBadge('');
    });
  }

  /** One change at a time: two frames arriving together must both count. */
  private serial(task: () => Promise<void>): Promise<void> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
