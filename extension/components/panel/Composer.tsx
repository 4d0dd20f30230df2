// The composer (B4, B7, B22): a text box (Enter sends, Shift+Enter starts a new line), the '+' menu
// for templates and pictures, and — whenever writing is not possible — the reason, or a note when
// what is sent will wait in the queue.
import { useId } from 'preact/hooks';
import { TEXT_MAX } from '../../../shared/api/conversations';
import type { Availability } from '../../models/panel/status';
import { PlusMenu, type PlusMenuProps } from './PlusMenu';

export interface ComposerProps {
  draft: string;
  availability: Availability;
  plus: PlusMenuProps;
  onInput: (text: string) => void;
  onSend: () => void;
}

/** From how many characters before WhatsApp's limit the composer counts down. */
const COUNT_FROM = 200;

/** What the composer says about the text's length: nothing, what is left, or that it is too long. */
function lengthNote(text: string): { over: boolean; text: string } | null {
  const length = text.trim().length;
  if (length > TEXT_MAX)
    return {
      over: true,
      text: `Too long to send: ${length.toLocaleString('en')} characters, and WhatsApp takes at most ${TEXT_MAX.toLocaleString('en')}.`,
    };
  const left = TEXT_MAX - length;
  if (left < COUNT_FROM) return { over: false, text: `${left.toLocaleString('en')} characters left.` };
  return null;
}

export function Composer({ draft, availability, plus, onInput, onSend }: ComposerProps) {
  const hintId = useId();
  const lengthId = useId();
  const hint = availability.enabled ? availability.note : availability.reason;
  const length = availability.enabled ? lengthNote(draft) : null;
  const canSend = availability.enabled && draft.trim() !== '' && !length?.over;
  const describedBy = [hint ? hintId : null, length ? lengthId : null].filter(Boolean).join(' ');
  return (
    <form
      class="composer"
      aria-label="Write a message"
      onSubmit={(e) => {
        e.preventDefault();
        if (canSend) onSend();
      }}
    >
      {hint && (
        <p id={hintId} class={availability.enabled ? 'note' : 'reason'} role="status">
          {hint}
        </p>
      )}
      {length && (
        <p id={lengthId} class={length.over ? 'reason' : 'note'} role="status">
          {length.text}
        </p>
      )}
      <div class="composer-row">
        <PlusMenu {...plus} />
        <textarea
          aria-label="Message"
          rows={2}
          value={draft}
          disabled={!availability.enabled}
          aria-describedby={describedBy || undefined}
          aria-invalid={length?.over || undefined}
          onInput={(e) => onInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              if (canSend) onSend();
            }
          }}
        />
        <button type="submit" class="primary" disabled={!canSend}>
          Send
        </button>
      </div>
    </form>
  );
}
