// One thread item (B9, B10, S3): a message with who wrote it, its text, its picture, and its state in
// words (queued and why, failed with the reason and next step, not sent and why); a system line; or
// a message still on its way to Greenline, with Retry that reuses its key (I4). Text only, never HTML.
import { useEffect } from 'preact/hooks';
import type { PendingSend } from '../../models/panel/composer';
import { authorLabel, inboundText, messageStatus } from '../../models/panel/message-status';
import type { PictureView } from '../../models/panel/picture-cache';
import type { ThreadItem } from '../../models/panel/thread';
import { formatTime } from '../../models/panel/time';

export interface PictureProps {
  mediaId: string;
  view: PictureView | undefined;
  alt: string;
  onRequest: (mediaId: string) => void;
}

export function Picture({ mediaId, view, alt, onRequest }: PictureProps) {
  useEffect(() => onRequest(mediaId), [mediaId]);
  if (view?.status === 'ready') return <img class="picture" src={view.url} alt={alt} />;
  if (view?.status === 'failed') return <p class="reason">The picture could not be shown: {view.message}</p>;
  return <p class="placeholder">Loading picture…</p>;
}

/** The seed's "ⓘ", drawn: many systems have no font with that glyph, and it adds no text. */
function InfoMark() {
  return (
    <svg class="info-icon" aria-hidden="true" focusable="false" viewBox="0 0 16 16">
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" stroke-width="1.5" />
      <circle cx="8" cy="4.6" r="1.1" fill="currentColor" />
      <rect x="7.2" y="6.8" width="1.6" height="5.4" rx="0.5" fill="currentColor" />
    </svg>
  );
}

export interface BubbleContext {
  myId: string | null;
  names: ReadonlyMap<string, string>;
  contactName: string;
  pictures: Readonly<Record<string, PictureView>>;
  onRequestPicture: (mediaId: string) => void;
}

export function MessageBubble({ item, ctx }: { item: ThreadItem; ctx: BubbleContext }) {
  const time = <time dateTime={new Date(item.at).toISOString()}>{formatTime(item.at)}</time>;
  if (item.type === 'system') {
    return (
      <li class="item system">
        <p>
          <InfoMark />
          {item.text}
        </p>
      </li>
    );
  }
  // Past the org's retention period the body and picture are gone; the message stays as a stub.
  const removed = item.removed ? <p class="text removed">{item.removed.notice}</p> : null;
  const picture = (alt: string) =>
    !removed && item.mediaId && (item.type === 'outbound' || item.kind === 'image') ? (
      <Picture
        mediaId={item.mediaId}
        view={ctx.pictures[item.mediaId]}
        alt={alt}
        onRequest={ctx.onRequestPicture}
      />
    ) : null;
  if (item.type === 'inbound') {
    const text = item.kind === 'image' ? item.text : inboundText(item);
    return (
      <li class={`item inbound${item.kind === 'other' ? ' other' : ''}`}>
        <p class="meta">
          {ctx.contactName} · {time}
        </p>
        {picture(
          item.text ? `Picture from ${ctx.contactName}: ${item.text}` : `Picture from ${ctx.contactName}`,
        )}
        {removed ?? (text && <p class="text">{text}</p>)}
      </li>
    );
  }
  const status = messageStatus(item);
  return (
    <li class={`item outbound tone-${status.tone}`}>
      <p class="meta">
        {authorLabel(item, ctx.myId, ctx.names)} · {time}
      </p>
      {picture(item.text ? `Picture sent: ${item.text}` : 'Picture sent')}
      {removed ?? (item.text && <p class="text">{item.text}</p>)}
      <p class="state">
        <strong>{status.label}</strong>
        {status.detail && <span class="detail"> {status.detail}</span>}
      </p>
    </li>
  );
}

export function PendingBubble(props: {
  pending: PendingSend;
  onRetry: (localId: string) => void;
  onEdit: (localId: string) => void;
  onDiscard: (localId: string) => void;
}) {
  const { pending, onRetry, onEdit, onDiscard } = props;
  const short = pending.label.length > 40 ? `${pending.label.slice(0, 40)}…` : pending.label;
  return (
    <li class={`item outbound pending tone-${pending.status === 'failed' ? 'problem' : 'pending'}`}>
      <p class="text">{pending.label}</p>
      {pending.status === 'sending' ? (
        <p class="state">
          <strong>Sending to Greenline…</strong>
        </p>
      ) : (
        <>
          <p class="state">
            <strong>Not sent yet.</strong> <span class="detail">{pending.error}</span>
          </p>
          <div class="actions">
            <button
              type="button"
              class="secondary"
              aria-label={`Retry: ${short}`}
              onClick={() => onRetry(pending.localId)}
            >
              Retry
            </button>
            {pending.body.type === 'text' && (
              <button
                type="button"
                class="secondary"
                aria-label={`Edit: ${short}`}
                onClick={() => onEdit(pending.localId)}
              >
                Edit
              </button>
            )}
            <button
              type="button"
              class="secondary"
              aria-label={`Discard: ${short}`}
              onClick={() => onDiscard(pending.localId)}
            >
              Discard
            </button>
          </div>
        </>
      )}
    </li>
  );
}
