// The green WhatsApp action (B18): presentational. Its accessible name is "WhatsApp <contact name>";
// the dot and the short label say consent and window at a glance and describe the button. With
// several numbers it asks which one; a problem is shown in place, announced, never as a console error.
import { useEffect, useRef } from 'preact/hooks';
import type { Glance, PhoneGlance } from '../messaging/protocol';
import { Glyph } from './glyph';

export interface ActionView {
  name: string;
  /** Null until the background answered. */
  phones: PhoneGlance[] | null;
  busy: boolean;
  error: string | null;
  menuOpen: boolean;
}

export interface ActionHandlers {
  onActivate: () => void;
  onChoose: (raw: string) => void;
  onDismissError: () => void;
  onCloseMenu: () => void;
}

/** The number whose state the button shows: one Greenline knows, else the first usable one. */
export function primaryPhone(phones: readonly PhoneGlance[]): PhoneGlance | null {
  return phones.find((p) => p.e164 && p.contactId) ?? phones.find((p) => p.e164) ?? phones[0] ?? null;
}

const LOADING: Glance = { tone: 'new', label: '…' };

export function Action(props: ActionView & ActionHandlers & { idPrefix: string }) {
  const primary = props.phones ? primaryPhone(props.phones) : null;
  const glance =
    primary?.glance ?? (primary?.problem ? { tone: 'blocked' as const, label: 'Check number' } : LOADING);
  const statusId = `${props.idPrefix}-status`;
  const menuRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (props.menuOpen) menuRef.current?.querySelector('button')?.focus();
  }, [props.menuOpen]);
  const who = props.name.trim() || primary?.e164 || primary?.raw || 'this contact';

  return (
    <span>
      <button
        type="button"
        class="gl-action"
        aria-label={`WhatsApp ${who}`}
        aria-describedby={statusId}
        aria-haspopup={props.phones && props.phones.length > 1 ? 'menu' : undefined}
        aria-expanded={props.phones && props.phones.length > 1 ? props.menuOpen : undefined}
        aria-busy={props.busy}
        onClick={props.onActivate}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          props.onCloseMenu();
          props.onDismissError();
        }}
      >
        <Glyph />
        <span>WhatsApp</span>
        <span class="gl-dot" data-tone={glance.tone} aria-hidden="true" />
        <span class="gl-label" id={statusId}>
          {glance.label}
        </span>
      </button>
      {props.menuOpen && props.phones ? (
        <div
          class="gl-menu"
          role="menu"
          tabIndex={-1}
          aria-label={`Numbers of ${who}`}
          ref={menuRef}
          onKeyDown={(e) => e.key === 'Escape' && props.onCloseMenu()}
        >
          {props.phones.map((phone) => (
            <button type="button" role="menuitem" key={phone.raw} onClick={() => props.onChoose(phone.raw)}>
              <span>
                {phone.label ? `${phone.label}: ` : ''}
                {/* As the page writes it, so it reads like the record beside it. */}
                {phone.raw}
              </span>
              <small>{phone.glance?.label ?? (phone.problem ? 'Check number' : '')}</small>
            </button>
          ))}
        </div>
      ) : null}
      {props.error ? (
        <span class="gl-error" role="alert">
          {props.error}
          <button type="button" aria-label="Dismiss" onClick={props.onDismissError}>
            ×
          </button>
        </span>
      ) : null}
    </span>
  );
}
