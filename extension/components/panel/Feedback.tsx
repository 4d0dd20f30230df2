// Messages for people: errors announced at once (role="alert"), news announced politely
// (role="status"), and the live region that reads new thread items aloud (A1).
export function ErrorAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}

/** Always rendered (a live region must exist before its text changes), visually hidden. */
export function Announcer({ text }: { text: string }) {
  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}
