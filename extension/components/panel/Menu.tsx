// A menu button (WAI-ARIA APG "menu button"): the button opens a menu whose items are reached with
// the arrow keys, Home and End; Escape closes it and returns focus to the button. A disabled item
// stays focusable and says why (A1: disabled states always with their reason).
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';

export interface MenuItem {
  id: string;
  label: string;
  disabled?: boolean;
  reason?: string | null;
}

export interface MenuProps {
  /** The button's accessible name. */
  label: string;
  /** What the button shows (an icon); the label is used when absent. */
  children?: ComponentChildren;
  items: readonly MenuItem[];
  onSelect: (id: string) => void;
  className?: string;
  align?: 'start' | 'end';
  /** Where focus goes when a dialog opened from here closes and its opener is gone. */
  focusHome?: boolean;
}

export function Menu({ label, children, items, onSelect, className, align = 'start', focusHome }: MenuProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const rootRef = useRef<HTMLDivElement>(null);

  const focusItem = (index: number) => {
    const count = items.length;
    itemRefs.current[((index % count) + count) % count]?.focus();
  };

  useEffect(() => {
    if (!open) return;
    focusItem(0);
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const index = itemRefs.current.indexOf(document.activeElement as HTMLButtonElement);
    const moves: Record<string, () => void> = {
      ArrowDown: () => focusItem(index + 1),
      ArrowUp: () => focusItem(index - 1),
      Home: () => focusItem(0),
      End: () => focusItem(items.length - 1),
      Escape: () => close(true),
      Tab: () => close(false),
    };
    const move = moves[e.key];
    if (!move) return;
    if (e.key !== 'Tab') e.preventDefault();
    move();
  };

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    close(true);
    onSelect(item.id);
  };

  return (
    <div class={`menu ${className ?? ''}`} ref={rootRef}>
      <button
        type="button"
        ref={buttonRef}
        class="menu-button"
        data-focus-home={focusHome ? '' : undefined}
        aria-label={children ? label : undefined}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {children ?? label}
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label={label}
          class={`menu-list menu-${align}`}
          onKeyDown={onMenuKey}
        >
          {items.map((item, i) => (
            <button
              key={item.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              ref={(el) => {
                itemRefs.current[i] = el;
              }}
              aria-labelledby={`${menuId}-${item.id}-label`}
              aria-disabled={item.disabled ? 'true' : undefined}
              aria-describedby={item.disabled && item.reason ? `${menuId}-${item.id}` : undefined}
              onClick={() => choose(item)}
            >
              <span id={`${menuId}-${item.id}-label`}>{item.label}</span>
              {item.disabled && item.reason && (
                <span class="menu-reason" id={`${menuId}-${item.id}`}>
                  {item.reason}
                </span>
              )}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
