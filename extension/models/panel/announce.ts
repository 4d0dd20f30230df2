// What a screen reader hears when the thread changes live (A1): the customer's and colleagues' new
// messages, system lines, and your own message failing. Pure.
import { inboundText, messageStatus } from './message-status';
import { itemKey, type ThreadItem } from './thread';

export interface AnnounceContext {
  myId: string | null;
  contactName: string;
  names: ReadonlyMap<string, string>;
}

export function describeNewItem(
  before: readonly ThreadItem[],
  item: ThreadItem,
  ctx: AnnounceContext,
): string | null {
  const known = before.find((x) => itemKey(x) === itemKey(item));
  if (known) {
    if (item.type !== 'outbound' || known.type !== 'outbound' || known.state === item.state) return null;
    if (item.authorId !== ctx.myId || (item.state !== 'failed' && item.state !== 'not_sent')) return null;
    const status = messageStatus(item);
    return `Your message was not delivered: ${status.label}. ${status.detail ?? ''}`.trim();
  }
  switch (item.type) {
    case 'inbound':
      if (item.kind === 'image')
        return `${ctx.contactName} sent a picture${item.text ? `: ${item.text}` : ''}`;
      return `${ctx.contactName}: ${inboundText(item) ?? ''}`.trim();
    case 'system':
      return item.text;
    case 'outbound': {
      if (item.authorId === ctx.myId) return null;
      const who =
        item.authorId === null ? 'Automatic message' : (ctx.names.get(item.authorId) ?? 'A colleague');
      return `${who}: ${item.text ?? (item.mediaId ? 'a picture' : '')}`.trim();
    }
  }
}
