// History (B11: threads you may read, newest first, with the contact and last message; old ones open
// read-only) and Unassigned (B22: customers who wrote while nobody was in the conversation).
import type { ThreadSummary, Unassigned } from '../../models/panel/lists';
import { addressLine } from '../../models/panel/identity';
import { formatTime } from '../../models/panel/time';
import { ErrorAlert } from './Feedback';

const preview = (text: string | null) => text ?? 'No text (a picture or a template)';

export function HistoryList(props: {
  threads: readonly ThreadSummary[] | null;
  error: string | null;
  onOpen: (t: ThreadSummary) => void;
}) {
  const { threads, error, onOpen } = props;
  return (
    <section class="list" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ErrorAlert message={error} />
      {threads === null && !error && <p role="status">Loading history…</p>}
      {threads?.length === 0 && <p>No conversations yet.</p>}
      {threads && threads.length > 0 && (
        <ul class="plain">
          {threads.map((t) => (
            <li key={t.threadId}>
              <button type="button" class="row" onClick={() => onOpen(t)}>
                <span class="row-title">
                  {t.contact.name}
                  {t.readOnly && <span class="badge">Read-only</span>}
                </span>
                <span class="row-text">{preview(t.lastText)}</span>
                <span class="row-meta">
                  {[addressLine(t.contact), formatTime(t.lastAt)].filter(Boolean).join(' · ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function UnassignedList(props: {
  items: readonly Unassigned[] | null;
  error: string | null;
  claimError: string | null;
  claiming: string | null;
  onClaim: (u: Unassigned) => void;
}) {
  const { items, error, claimError, claiming, onClaim } = props;
  return (
    <section class="list" aria-labelledby="unassigned-title">
      <h2 id="unassigned-title">Unassigned</h2>
      <ErrorAlert message={error ?? claimError} />
      {items === null && !error && <p role="status">Loading…</p>}
      {items?.length === 0 && <p>No customer is waiting for an answer.</p>}
      {items && items.length > 0 && (
        <ul class="plain">
          {items.map((u) => (
            <li key={u.conversationId} class="row">
              <span class="row-title">{u.contact.name}</span>
              <span class="row-text">{preview(u.lastText)}</span>
              <span class="row-meta">
                {[addressLine(u.contact), formatTime(u.lastAt)].filter(Boolean).join(' · ')}
              </span>
              <button
                type="button"
                class="primary"
                disabled={claiming !== null}
                aria-label={`Take conversation with ${u.contact.name}`}
                onClick={() => onClaim(u)}
              >
                Take conversation
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
