// A minimal stand-in for the Graph API's template listing (reference §4.1), served to the worker
// under test through Miniflare's outbound service (vitest.worker.config.ts). Pages of two, Bearer
// token checked against the demo numbers. Special WABA ids: FEWER_WABA lists one template only
// (to test removal), BROKEN_WABA answers a Graph error.
import { DEMO_ORGS } from '../../shared/demo';

export const FEWER_WABA = '299999999999991';
export const BROKEN_WABA = '299999999999992';
const PAGE = 2;

export interface FakeResponse {
  status: number;
  body: unknown;
}

const graphError = (status: number, code: number, message: string): FakeResponse => ({
  status,
  body: { error: { message, type: 'OAuthException', code, fbtrace_id: 'fake' } },
});

export function fakeGraph(url: string, authorization: string | null): FakeResponse {
  const { pathname, searchParams } = new URL(url);
  const match = /^\/v[\d.]+\/(\d+)\/message_templates$/.exec(pathname);
  if (!match) return graphError(400, 100, 'Unsupported get request.');
  const waba = match[1];
  const token = authorization?.replace(/^Bearer /, '');
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
