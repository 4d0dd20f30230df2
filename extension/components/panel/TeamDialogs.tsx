// The details menu's dialogs (B13–B16): pick a colleague to add or transfer to (eligible users only),
// pick a participant to remove and confirm naming them, confirm leaving.
import { useEffect, useId, useRef } from 'preact/hooks';
import { useRestoreFocus } from './use-restore-focus';
import type { Person, TeamDialog } from '../../models/panel/team';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorAlert } from './Feedback';

interface PickerProps {
  title: string;
  /** What just happened, said politely (e.g. "Bob Stone was added."). */
  done?: string | null;
  people: readonly Person[] | null;
  empty: string;
  action: (p: Person) => string;
  busy: boolean;
  error: string | null;
  onPick: (p: Person) => void;
  onClose: () => void;
}

function PeoplePicker({ title, done, people, empty, action, busy, error, onPick, onClose }: PickerProps) {
  const titleId = useId();
  useRestoreFocus();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section
      class="dialog"
      role="dialog"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <h2 id={titleId} tabIndex={-1} ref={headingRef}>
        {title}
      </h2>
      {done && <p role="status">{done}</p>}
      <ErrorAlert message={error} />
      {people === null && !error && <p role="status">Loading colleagues…</p>}
      {people?.length === 0 && <p>{empty}</p>}
      {people && people.length > 0 && (
        <ul class="plain people">
          {people.map((p) => (
            <li key={p.userId}>
              <button type="button" class="secondary" disabled={busy} onClick={() => onPick(p)}>
                {action(p)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        <button type="button" class="secondary" onClick={onClose}>
          {done ? 'Done' : 'Close'}
        </button>
      </div>
    </section>
  );
}

export interface TeamDialogsProps {
  dialog: TeamDialog | null;
  contactName: string;
  eligible: readonly Person[] | null;
  /** The colleague just added, if any. */
  added?: string | null;
  others: readonly Person[];
  busy: boolean;
  error: string | null;
  onAdd: (userId: string) => void;
  onTransfer: (userId: string) => void;
  onChooseToRemove: (p: Person) => void;
  onRemove: (userId: string) => void;
  onLeave: () => void;
  onClose: () => void;
}

const NO_ELIGIBLE = 'No other enabled colleagues of your team can join.';

export function TeamDialogs(props: TeamDialogsProps) {
  const { dialog, contactName, eligible, others, busy, error, onClose } = props;
  if (!dialog) return null;
  switch (dialog.type) {
    case 'add':
      return (
        <PeoplePicker
          title="Add a colleague to the conversation"
          done={props.added ? `${props.added} was added.` : null}
          people={eligible}
          empty={NO_ELIGIBLE}
          action={(p) => `Add ${p.name}`}
          busy={busy}
          error={error}
          onPick={(p) => props.onAdd(p.userId)}
          onClose={onClose}
        />
      );
    case 'transfer':
      return (
        <PeoplePicker
          title={`Transfer the conversation with ${contactName}`}
          people={eligible}
          empty={NO_ELIGIBLE}
          action={(p) => `Transfer to ${p.name}`}
          busy={busy}
          error={error}
          onPick={(p) => props.onTransfer(p.userId)}
          onClose={onClose}
        />
      );
    case 'remove':
      return (
        <PeoplePicker
          title="Remove a participant"
          people={others}
          empty="Nobody else is in the conversation."
          action={(p) => `Remove ${p.name}…`}
          busy={busy}
          error={error}
          onPick={props.onChooseToRemove}
          onClose={onClose}
        />
      );
    case 'confirm_remove':
      return (
        <ConfirmDialog
          title={`Remove ${dialog.person.name} from the conversation?`}
          confirmLabel={`Yes, remove ${dialog.person.name}`}
          busy={busy}
          danger
          onConfirm={() => props.onRemove(dialog.person.userId)}
          onCancel={onClose}
        >
          <p>They lose access to this conversation and its threads at once.</p>
          <ErrorAlert message={error} />
        </ConfirmDialog>
      );
    case 'confirm_leave':
      return (
        <ConfirmDialog
          title={`Leave the conversation with ${contactName}?`}
          confirmLabel="Yes, leave"
          busy={busy}
          onConfirm={props.onLeave}
          onCancel={onClose}
        >
          <p>You keep read access to this thread up to now.</p>
          <ErrorAlert message={error} />
        </ConfirmDialog>
      );
  }
}
