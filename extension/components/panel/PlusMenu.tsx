// The '+' menu (seed: "Tap the Expand '+' icon"): templates, a photo from a file, a photo from the
// camera. Each item that cannot be used now says why.
import { useRef } from 'preact/hooks';
import type { Availability } from '../../models/panel/status';
import { Menu } from './Menu';

export interface PlusMenuProps {
  templates: Availability;
  pictures: Availability;
  onTemplates: () => void;
  onFile: (file: File) => void;
  onCamera: () => void;
}

export function PlusMenu({ templates, pictures, onTemplates, onFile, onCamera }: PlusMenuProps) {
  const fileRef = useRef<HTMLInputElement>(null);
  const items = [
    { id: 'templates', label: 'Templates', disabled: !templates.enabled, reason: templates.reason },
    { id: 'file', label: 'Photo from file', disabled: !pictures.enabled, reason: pictures.reason },
    { id: 'camera', label: 'Take a photo', disabled: !pictures.enabled, reason: pictures.reason },
  ];
  const select = (id: string) => {
    if (id === 'templates') onTemplates();
    else if (id === 'file') fileRef.current?.click();
    else onCamera();
  };
  return (
    <>
      <Menu label="More: templates and pictures" items={items} onSelect={select} className="plus">
        <span aria-hidden="true">+</span>
      </Menu>
      <input
        ref={fileRef}
        type="file"
        accept="image/jpeg,image/png"
        aria-label="Choose a picture file"
        class="visually-hidden"
        tabIndex={-1}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
