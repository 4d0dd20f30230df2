// Meta's webhook serialisation: JSON with every non-ASCII character escaped as lowercase \uXXXX
// (reference §2.2), so the signed bytes are pure ASCII.
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
