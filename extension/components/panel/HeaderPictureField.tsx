// The picture a template shows at the top (B7 with a picture header): chosen from a file, previewed,
// replaceable; its problem (wrong type, too big, not chosen, upload refused) is announced in place.
import { useId } from 'preact/hooks';
import type { HeaderPicture } from '../../models/panel/templates';

export interface HeaderPictureFieldProps {
  picture: HeaderPicture | null;
  error: string | null;
  disabled: boolean;
  onChoose: (file: File) => void;
  onRemove: () => void;
}

export function HeaderPictureField({
  picture,
  error,
  disabled,
  onChoose,
  onRemove,
}: HeaderPictureFieldProps) {
  const id = useId();
  return (
    <div class="field header-picture">
      <label for={id}>
        {picture ? 'Replace the header picture' : 'Header picture (JPEG or PNG, up to 5 MB)'}
      </label>
      <input
        id={id}
        type="file"
        accept="image/jpeg,image/png"
        disabled={disabled}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-problem` : undefined}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) onChoose(file);
          e.currentTarget.value = '';
        }}
      />
      {error && (
        <p class="reason" id={`${id}-problem`} role="alert">
          {error}
        </p>
      )}
      {picture && (
        <button type="button" class="secondary" disabled={disabled} onClick={onRemove}>
          Remove the header picture
        </button>
      )}
    </div>
  );
}
