// A dialog gives focus back where it came from when it closes (A1: focus is never lost to the page).
// When its opener is gone too (a dialog opened from another dialog), focus goes to the element
// marked `data-focus-home` (the details menu button).
import { useEffect } from 'preact/hooks';

const isLost = () => !document.activeElement || document.activeElement === document.body;

export function useRestoreFocus(): void {
  useEffect(() => {
    const opener = document.activeElement;
    return () => {
      // Runs before the dialog leaves the DOM: look once it is gone, and only if nothing took focus.
      setTimeout(() => {
        if (!isLost()) return;
        const home = document.querySelector<HTMLElement>('[data-focus-home]');
        const target =
          opener instanceof HTMLElement && opener !== document.body && opener.isConnected ? opener : home;
        target?.focus();
      }, 0);
    };
  }, []);
}
