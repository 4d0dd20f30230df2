// An inline confirmation (B1, B15, B14): a question with one confirming and one cancelling button.
// It takes focus when it opens; Escape cancels.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { useRestoreFocus } from './use-restore-focus';

export interface ConfirmDialogProps {
  title: string;
  children?: ComponentChildren;
  confirmLabel: string;
  cancelLabel?: string;
  busy?: boolean;
  /** A confirmation that cannot be undone is styled as such. */
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, children, confirmLabel, cancelLabel = 'Cancel', busy, danger, onConfirm, onCancel } = props;
  const titleId = useId();
  const bodyId = useId();
  useRestoreFocus();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // What cannot be undone starts on Cancel, so a stray Enter does no harm.
  useEffect(() => (danger ? cancelRef : confirmRef).current?.focus(), []);
  return (
    <section
      class="dialog"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={children ? bodyId : undefined}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children && (
        <div id={bodyId} class="dialog-body">
          {children}
        </div>
      )}
      <div class="actions">
        <button
          type="button"
          ref={confirmRef}
          class={danger ? 'danger' : 'primary'}
          disabled={busy}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
        <button type="button" class="secondary" ref={cancelRef} onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </section>
  );
}
