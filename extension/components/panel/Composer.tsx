// The composer (B4, B7, B22): a text box (Enter sends, Shift+Enter starts a new line), the '+' menu
// for templates and pictures, and — whenever writing is not possible — the reason, or a note when
// what is sent will wait in the queue.
import { useId } from 'preact/hooks';
import type { Availability } from '../../models/panel/status';
import { PlusMenu, type PlusMenuProps } from './PlusMenu';

export interface ComposerProps {
  draft: string;
  availability: Availability;
  plus: PlusMenuProps;
  onInput: (text: string) => void;
  onSend: () => void;
}

export function Composer({ draft, availability, plus, onInput, onSend }: ComposerProps) {
  const hintId = useId();
  const hint = availability.enabled ? availability.note : availability.reason;
  return (
    <form
      class="composer"
      aria-label="Write a message"
      onSubmit={(e) => {
        e.preventDefault();
        onSend();
      }}
    >
      {hint && (
        <p id={hintId} class={availability.enabled ? 'note' : 'reason'} role="status">
          {hint}
        </p>
      )}
      <div class="composer-row">
        <PlusMenu {...plus} />
        <textarea
          aria-label="Message"
          rows={2}
          value={draft}
          disabled={!availability.enabled}
          aria-describedby={hint ? hintId : undefined}
          onInput={(e) => onInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              onSend();
            }
          }}
        />
        <button type="submit" class="primary" disabled={!availability.enabled || draft.trim() === ''}>
          Send
        </button>
      </div>
    </form>
  );
}
