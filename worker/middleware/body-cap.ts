// JSON request bodies (docs/api-contract.md): at most 64 KB, read once with the cap (a missing or
// false Content-Length does not get past it), and valid UTF-8, before any route parses them.
// Multipart uploads (POST /api/v1/media) are left to their own 5 MB limit.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

export const JSON_BODY_CAP_BYTES = 64 * 1024;

const problem = (code: string, message: string) => ({ error: { code, message } });
const TOO_LARGE = problem(
  'payload_too_large',
  `The request body is larger than ${JSON_BODY_CAP_BYTES / 1024} KB; JSON bodies are capped there.`,
);

/** The body's bytes, or null as soon as they pass `cap`. */
async function readCapped(
  body: ReadableStream<Uint8Array>,
  cap: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

export const jsonBodyCap: MiddlewareHandler<AppEnv> = async (c, next) => {
  const raw = c.req.raw;
  const type = raw.headers.get('content-type') ?? '';
  if (raw.body === null || /^multipart\/form-data/i.test(type)) return next();
  const declared = Number(raw.headers.get('content-length') ?? 'NaN');
  if (declared > JSON_BODY_CAP_BYTES) return c.json(TOO_LARGE, 413);
  const bytes = await readCapped(raw.body, JSON_BODY_CAP_BYTES);
  if (bytes === null) return c.json(TOO_LARGE, 413);
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return c.json(problem('invalid_utf8', 'The request body is not valid UTF-8.'), 400);
  }
  // The stream is spent: the routes read the checked bytes instead.
  c.req.raw = new Request(raw, { body: bytes });
  return next();
};
