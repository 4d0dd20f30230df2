// Webhook bodies as Meta sends them: JSON with every non-ASCII character escaped as `\uXXXX` with
// lowercase hex (reference §2.2), signed with HMAC-SHA256 of those exact bytes and the app secret.

import { createHmac } from 'node:crypto';

export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function signatureFor(body: string | Uint8Array, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}
