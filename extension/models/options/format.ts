// Times as people read them on the options page, in their own locale and time zone.
const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatTime(epochMs: number): string {
  return formatter.format(new Date(epochMs));
}

export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
