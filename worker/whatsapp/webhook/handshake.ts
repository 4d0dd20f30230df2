// The webhook verification handshake (reference §2.1): Meta GETs the callback with hub.mode,
// hub.verify_token and hub.challenge; we answer 200 with the raw challenge, or refuse.

export type HandshakeResult =
  | { ok: true; challenge: string }
  | { ok: false; status: 400 | 403; reason: 'missing_parameters' | 'wrong_mode' | 'wrong_token' };

/** A plain record or URLSearchParams of the GET query. */
export type HandshakeQuery = URLSearchParams | Record<string, string | undefined>;

function read(query: HandshakeQuery, key: string): string | undefined {
  if (query instanceof URLSearchParams) return query.get(key) ?? undefined;
  return query[key];
}

/** Compares without an early exit, so the token cannot be guessed byte by byte from timings. */
function sameText(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  let diff = left.length ^ right.length;
  for (let i = 0; i < left.length; i++) diff |= (left[i] ?? 0) ^ (right[i % right.length] ?? 0);
  return diff === 0;
}

/** Answer with `challenge` as a text/plain 200 body when ok; otherwise with `status`. */
export function verifyHandshake(query: HandshakeQuery, verifyToken: string): HandshakeResult {
  const mode = read(query, 'hub.mode');
  const token = read(query, 'hub.verify_token');
  const challenge = read(query, 'hub.challenge');
  if (mode === undefined || token === undefined || challenge === undefined || challenge === '') {
    return { ok: false, status: 400, reason: 'missing_parameters' };
  }
  if (mode !== 'subscribe') return { ok: false, status: 400, reason: 'wrong_mode' };
  if (verifyToken === '' || !sameText(token, verifyToken)) {
    return { ok: false, status: 403, reason: 'wrong_token' };
  }
  return { ok: true, challenge };
}
