// The country a person's numbers are most likely written in, from the browser's language. Kept apart
// from settings.ts (which content scripts load, and which needs the build's defines) so it is plain.

/**
 * The region of the browser's language ("en-GB" → "GB", "zh-Hans-CN" → "CN"), else "US": where a
 * person's CRM most likely writes its numbers without a country code.
 */
export function regionOf(language: string | undefined): string {
  return /-([a-z]{2})(?=-|$)/i.exec(language ?? '')?.[1]?.toUpperCase() ?? 'US';
}
