// The text rules of the API (docs/api-contract.md), one place for the worker and the extension:
// every name and free text a client sends goes through `nameText` or `freeText`.
// - refused: NUL and other control characters (free text keeps tab and line breaks), U+FFFD (what
//   invalid UTF-8 decodes to) and lone surrogates (invalid UTF-16 from a \u escape);
// - names: bidi embedding / override / isolate characters are stripped (they can make a name read
//   backwards, "Trojan Source"), and a name with nothing visible left (only spaces, format or
//   invisible characters) is refused.
import { z } from 'zod';

/** No C0 / C1 controls, no U+FFFD: the pattern the OpenAPI document shows (no flags, ECMA-262). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const NAME_CHARS = /^[^\x00-\x1F\x7F-\x9F\uFFFD]*$/;
/** The same, with tab, line feed and carriage return allowed (message text, captions). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const FREE_TEXT_CHARS = /^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFD]*$/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (s: string) => !LONE_SURROGATE.test(s);
/** LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;
/** Whitespace, format characters (Cf: zero-width, marks) and the fillers that render as nothing. */
const INVISIBLE = /^(?:[\s\p{Cf}\p{Z}\u115F\u1160\u3164\uFFA0\u2800\u180E]|\u034F)*$/u;

const CHARS_MESSAGE =
  'must be valid UTF-8 text without NUL or other control characters (invalid bytes arrive as U+FFFD)';

/** Strips bidi controls from a name (exported for stored names and tests). */
export function neutraliseBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

export function hasVisibleCharacter(text: string): boolean {
  return !INVISIBLE.test(text);
}

/** A person's, contact's or team's name: trimmed, bidi controls stripped, something visible in it. */
export function nameText(max: number) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .regex(NAME_CHARS, CHARS_MESSAGE)
    .refine(wellFormed, CHARS_MESSAGE)
    .transform((s) => neutraliseBidi(s).trim())
    .refine((s) => s.length > 0, 'cannot be empty')
    .refine(hasVisibleCharacter, 'must contain a visible character');
}

/** Free text (messages, captions, typed template values): control characters and invalid UTF-8 refused. */
export function freeText(max: number, what = 'text') {
  return z
    .string()
    .max(max, `${what} is at most ${max} characters`)
    .regex(FREE_TEXT_CHARS, `${what} ${CHARS_MESSAGE}`)
    .refine(wellFormed, `${what} ${CHARS_MESSAGE}`);
}
