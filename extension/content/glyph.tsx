// The WhatsApp-style glyph (a speech bubble with a handset), drawn for Greenline.
export function Glyph() {
  return (
    <svg class="gl-glyph" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M12 3.2a8.6 8.6 0 0 0-7.4 13l-1.2 4.4 4.5-1.2A8.6 8.6 0 1 0 12 3.2z" fill="#fff" />
      <path
        d="M8.9 7.6c.3-.3.8-.3 1 .1l1 1.6c.2.3.1.7-.1 1l-.6.6c.5 1.1 1.4 2 2.5 2.5l.6-.6c.3-.3.7-.3 1-.1l1.6 1c.4.2.4.7.1 1l-.8.8c-.6.6-1.5.7-2.3.4-2.1-.9-3.8-2.6-4.7-4.7-.3-.8-.2-1.7.4-2.3z"
        fill="#0B6E4F"
      />
    </svg>
  );
}
