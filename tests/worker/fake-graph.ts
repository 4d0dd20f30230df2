// A minimal stand-in for the Graph API's template listing (reference §4.1), served to the worker
// under test through Miniflare's outbound service (vitest.worker.config.ts). Pages of two, Bearer
// token checked against the demo numbers. Special WABA ids: FEWER_WABA lists one template only
// (to test removal), BROKEN_WABA answers a Graph error. Media (reference §3): GET /{media-id} for the
// MEDIA_* ids below, their download URLs (binary, Bearer checked), and uploads answering fresh ids.
import { DEMO_ORGS } from '../../shared/demo';
import { gifBytes, jpegWithExif, pngWithText } from './media-images';

export const FEWER_WABA = '299999999999991';
export const BROKEN_WABA = '299999999999992';
const PAGE = 2;

export interface FakeResponse {
  status: number;
  body: unknown;
  /** A binary answer (media download) instead of JSON. */
  bytes?: Uint8Array;
  contentType?: string;
}

/** Customer media ids the fake knows; MEDIA_BROKEN answers a Graph error. */
export const MEDIA_JPEG = '710000000000001';
export const MEDIA_PNG = '710000000000002';
export const MEDIA_GIF = '710000000000003';
export const MEDIA_BROKEN = '710000000000009';
const MEDIA_FILES: Record<string, () => { bytes: Uint8Array; mimeType: string }> = {
  [MEDIA_JPEG]: () => ({ bytes: jpegWithExif(), mimeType: 'image/jpeg' }),
  [MEDIA_PNG]: () => ({ bytes: pngWithText(), mimeType: 'image/png' }),
  [MEDIA_GIF]: () => ({ bytes: gifBytes(), mimeType: 'image/jpeg' }),
};
let uploads = 0;

const graphError = (status: number, code: number, message: string): FakeResponse => ({
  status,
  body: { error: { message, type: 'OAuthException', code, fbtrace_id: 'fake' } },
});

function fakeMedia(method: string, url: URL, token: string | undefined): FakeResponse | null {
  const known = DEMO_ORGS.some((o) => o.number.accessToken === token);
  const download = /^\/download\/(\d+)$/.exec(url.pathname);
  const info = /^\/v[\d.]+\/(\d+)$/.exec(url.pathname);
  const upload = /^\/v[\d.]+\/(\d+)\/media$/.exec(url.pathname);
  if (!download && !info && !upload) return null;
  if (!known) return graphError(401, 190, 'Invalid OAuth access token.');
  if (upload && method === 'POST') return { status: 200, body: { id: String(810000000000000 + ++uploads) } };
  const id = download?.[1] ?? info?.[1] ?? '';
  const file = MEDIA_FILES[id]?.();
  if (!file) return graphError(400, 100, 'Unsupported get request.');
  if (download) return { status: 200, body: null, bytes: file.bytes, contentType: file.mimeType };
  return {
    status: 200,
    body: {
      messaging_product: 'whatsapp',
      url: `${url.origin}/download/${id}`,
      mime_type: file.mimeType,
      sha256: 'fake',
      file_size: String(file.bytes.byteLength),
      id,
    },
  };
}

export function fakeGraph(url: string, authorization: string | null, method = 'GET'): FakeResponse {
  const { pathname, searchParams } = new URL(url);
  const token = authorization?.replace(/^Bearer /, '');
  const media = fakeMedia(method, new URL(url), token);
  if (media) return media;
  const match = /^\/v[\d.]+\/(\d+)\/message_templates$/.exec(pathname);
  if (!match) return graphError(400, 100, 'Unsupported get request.');
  const waba = match[1];
  const org = DEMO_ORGS.find((o) => o.number.accessToken === token);
  if (!org) return graphError(401, 190, 'Invalid OAuth access token.');
  if (waba === BROKEN_WABA) return graphError(400, 100, 'Invalid parameter');
  const all = waba === FEWER_WABA ? org.number.templates.slice(0, 1) : org.number.templates;
  if (waba !== FEWER_WABA && waba !== org.number.wabaId) return graphError(400, 100, 'Unknown WABA');
  const start = Number(searchParams.get('after') ?? '0');
  const data = all.slice(start, start + PAGE);
  const next = start + PAGE < all.length ? String(start + PAGE) : undefined;
  const paging = next
    ? { cursors: { before: String(start), after: next }, next: `${url.split('?')[0]}?after=${next}` }
    : { cursors: { before: String(start), after: String(start) } };
  return { status: 200, body: { data, paging } };
}
