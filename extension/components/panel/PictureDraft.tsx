// A picture about to be sent (B10): its preview, an optional caption, and Send / Cancel (and Retake
// for a photo from the camera, as in the seed).
import { useEffect, useId, useRef } from 'preact/hooks';
import type { PictureDraft as Draft } from '../../models/panel/pictures';
import { ErrorAlert } from './Feedback';

export interface PictureDraftProps {
  draft: Draft;
  caption: string;
  uploading: boolean;
  error: string | null;
  enabled: boolean;
  onCaption: (text: string) => void;
  onSend: () => void;
  onCancel: () => void;
  onRetake: () => void;
}

export function PictureDraftView(props: PictureDraftProps) {
  const { draft, caption, uploading, error, enabled } = props;
  const captionId = useId();
  const sendRef = useRef<HTMLButtonElement>(null);
  useEffect(() => sendRef.current?.focus(), [draft.url]);
  return (
    <form
      class="picture-draft"
      aria-label="Picture to send"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSend();
      }}
    >
      <img class="picture" src={draft.url} alt="What you are about to send" />
      <label for={captionId}>Caption (optional)</label>
      <input
        id={captionId}
        type="text"
        maxLength={1024}
        value={caption}
        onInput={(e) => props.onCaption(e.currentTarget.value)}
      />
      <ErrorAlert message={error} />
      {uploading && <p role="status">Uploading the picture…</p>}
      <div class="actions">
        <button type="submit" class="primary" ref={sendRef} disabled={uploading || !enabled}>
          Send
        </button>
        {draft.source === 'camera' && (
          <button type="button" class="secondary" disabled={uploading} onClick={props.onRetake}>
            Retake
          </button>
        )}
        <button type="button" class="secondary" disabled={uploading} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
