// The panel's header (B8): who the conversation is with, their number, consent, and the window's
// state with the time left, updated every second by the model's clock.
import type { ComponentChildren } from 'preact';
import type { WindowStatus } from '../../models/panel/status';

export interface HeaderProps {
  name: string;
  phone: string | null;
  consentLabel: string | null;
  window: WindowStatus | null;
  /** The details menu. */
  children?: ComponentChildren;
}

export function Header({ name, phone, consentLabel, window, children }: HeaderProps) {
  return (
    <header class="panel-header">
      <div class="who">
        <h1>{name}</h1>
        {phone && <p class="phone">{phone}</p>}
        {(consentLabel || window) && (
          <p class="status-line">
            {consentLabel && <span class="badge">{consentLabel}</span>}
            {window && <span class={`window window-${window.phase}`}>{window.label}</span>}
          </p>
        )}
      </div>
      {children}
    </header>
  );
}
