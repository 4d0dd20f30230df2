// "Is this record someone you talk to under a WhatsApp username?" (issue 10): a short offer on a CRM
// record with no conversation yet; choosing the customer and confirming makes them one contact, so
// the conversation goes on under this record.
import { useEffect, useId, useRef } from 'preact/hooks';
import type { LinkCandidate } from '../../models/panel/link';
import { ErrorAlert } from './Feedback';

export interface LinkOfferProps {
  recordName: string;
  candidates: readonly LinkCandidate[];
  open: boolean;
  chosen: string | null;
  busy: boolean;
  error: string | null;
  onOpen: () => void;
  onChoose: (id: string) => void;
  onLink: () => void;
  onCancel: () => void;
}

export function LinkOffer(props: LinkOfferProps) {
  const { recordName, candidates, open, chosen, busy, error } = props;
  if (candidates.length === 0) return null;
  if (!open) {
    return (
      <p class="card link-offer">
        Already writing with {recordName} under a WhatsApp username?{' '}
        <button type="button" class="secondary" onClick={props.onOpen}>
          Link a WhatsApp username…
        </button>
      </p>
    );
  }
  return (
    <LinkForm
      {...props}
      chosenName={candidates.find((c) => c.id === chosen)?.name ?? null}
      busy={busy}
      error={error}
    />
  );
}

function LinkForm(props: LinkOfferProps & { chosenName: string | null }) {
  const { recordName, candidates, chosen, busy, error } = props;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const hintId = useId();
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <form
      class="card link-form"
      aria-label="Link a WhatsApp username"
      aria-describedby={hintId}
      onSubmit={(e) => {
        e.preventDefault();
        props.onLink();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <h2 tabIndex={-1} ref={headingRef}>
        Link a WhatsApp username
      </h2>
      <p id={hintId}>
        Choose who {recordName} is on WhatsApp. They become one contact: the conversation and its consent go
        on under this record.
      </p>
      <fieldset>
        <legend>Customers who hide their number</legend>
        {candidates.map((c) => (
          <label key={c.id} class="choice">
            <input
              type="radio"
              name="link-candidate"
              checked={chosen === c.id}
              onChange={() => props.onChoose(c.id)}
            />
            {c.name} ({c.username})
          </label>
        ))}
      </fieldset>
      <ErrorAlert message={error} />
      {busy && <p role="status">Linking…</p>}
      <div class="actions">
        <button type="submit" class="primary" disabled={!chosen || busy}>
          {props.chosenName ? `Link ${props.chosenName} to this record` : 'Link'}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
