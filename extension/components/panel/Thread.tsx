// The thread (B9, B11, A1): a log of messages and system lines, scrolled to the newest, with the
// messages still on their way below. An earlier thread says it is read-only and leads back.
import { useEffect, useRef } from 'preact/hooks';
import type { PendingSend } from '../../models/panel/composer';
import type { ThreadItem } from '../../models/panel/thread';
import { itemKey } from '../../models/panel/thread';
import { type BubbleContext, MessageBubble, PendingBubble } from './MessageBubble';

export interface ThreadProps {
  items: readonly ThreadItem[];
  outbox: readonly PendingSend[];
  ctx: BubbleContext;
  /** An earlier thread (B11) or one the user left: shown read-only. */
  readOnly: boolean;
  /** When reading an earlier thread while a current one exists. */
  onShowCurrent?: () => void;
  onRetry: (localId: string) => void;
  onEdit: (localId: string) => void;
  onDiscard: (localId: string) => void;
}

export function Thread({ items, outbox, ctx, readOnly, onShowCurrent, ...actions }: ThreadProps) {
  const logRef = useRef<HTMLElement>(null);
  const count = items.length + outbox.length;
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [count]);
  return (
    <>
      {readOnly && (
        <p class="card read-only">
          This thread is read-only.
          {onShowCurrent && (
            <>
              {' '}
              <button type="button" class="link" onClick={onShowCurrent}>
                Show the current thread
              </button>
            </>
          )}
        </p>
      )}
      {/* New items are read out by the panel's announcer, so the log itself stays quiet. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling log must be reachable by keyboard to scroll it (WCAG 2.1.1). */}
      <section class="thread" role="log" aria-label="Messages" aria-live="off" tabIndex={0} ref={logRef}>
        {count === 0 ? (
          <p class="placeholder">No messages yet.</p>
        ) : (
          <ol class="plain">
            {items.map((item) => (
              <MessageBubble key={itemKey(item)} item={item} ctx={ctx} />
            ))}
            {outbox.map((p) => (
              <PendingBubble key={p.localId} pending={p} {...actions} />
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
