// The session: the only place that holds the tokens (in storage.session, which content scripts
// cannot read). Refreshes shortly before expiry and once on `token_expired` (one refresh at a time:
// refresh tokens rotate; a request that left with a token renewed meanwhile is retried with the new
// one), signs out when the session cannot be renewed, and re-reads `GET /me` so a
// disabled org or user loses the green action on the next page load (B18, I8).
import { MeResponseSchema, type MeResponse, SessionResponseSchema } from '../../shared/api/auth';
import type { ApiRequest, ApiResponse } from '../api/transport';
import type { SessionStatus, SignInResult } from '../messaging/protocol';
import { errorCode, type Fetch, performRequest, unreachable } from './http';

export interface StoredSession {
  serverUrl: string;
  token: string;
  refreshToken: string;
  /** Server times (epoch ms). */
  expiresAt: number;
  refreshExpiresAt: number;
  me: MeResponse;
  /** Local time `me` was read, and the server's clock minus ours then. */
  meAt: number;
  clockOffset: number;
}

export interface SessionStore {
  get(): Promise<StoredSession | null>;
  set(session: StoredSession): Promise<void>;
  clear(): Promise<void>;
}

export interface SessionDeps {
  fetch: Fetch;
  store: SessionStore;
  now: () => number;
  /** The server to use when nobody is signed in. */
  defaultServer: () => Promise<string>;
  onChange: (status: SessionStatus) => void;
}

/** Refresh this long before the access token expires. */
export const REFRESH_AHEAD_MS = 60_000;
/** Re-read `GET /me` when the copy is older than this (page loads ask for the status). */
export const ME_MAX_AGE_MS = 10_000;
const ENDED = new Set(['session_revoked', 'account_disabled', 'invalid_token', 'invalid_refresh_token']);

export function statusOf(serverUrl: string, session: StoredSession | null): SessionStatus {
  if (!session) {
    return { signedIn: false, serverUrl, user: null, org: null, enabled: false, disabledReason: null };
  }
  const { user, org, whatsapp } = session.me;
  const disabledReason = !whatsapp.orgEnabled
    ? `WhatsApp is not enabled for ${org.name}. Ask your Greenline admin to switch it on.`
    : !whatsapp.userEnabled
      ? 'WhatsApp is not enabled for your account. Ask your Greenline admin to switch it on.'
      : null;
  return {
    signedIn: true,
    serverUrl: session.serverUrl,
    user: { id: user.id, name: user.name, email: user.email, role: user.role },
    org: { id: org.id, name: org.name },
    enabled: whatsapp.enabled,
    disabledReason,
  };
}

function signedOutAnswer(): ApiResponse {
  return {
    status: 401,
    body: {
      kind: 'json',
      value: {
        error: { code: 'signed_out', message: 'Sign in to Greenline first, in the extension options.' },
      },
    },
  };
}

function messageOf(response: ApiResponse, fallback: string): string {
  if (response.body.kind === 'json') {
    const value = response.body.value as { error?: { message?: unknown } } | null;
    if (typeof value?.error?.message === 'string') return value.error.message;
  }
  return fallback;
}

export class Session {
  private refreshing: Promise<StoredSession | null> | null = null;

  constructor(private readonly deps: SessionDeps) {}

  async status(fresh = false): Promise<SessionStatus> {
    let session = await this.deps.store.get();
    if (session && (fresh || this.deps.now() - session.meAt > ME_MAX_AGE_MS)) {
      session = await this.reloadMe(session);
    }
    return statusOf(session?.serverUrl ?? (await this.deps.defaultServer()), session);
  }

  signIn(serverUrl: string, email: string, password: string): Promise<SignInResult> {
    return this.startWith(serverUrl, { method: 'POST', path: '/auth/login', body: { email, password } });
  }

  acceptInvitation(serverUrl: string, token: string, name: string, password: string): Promise<SignInResult> {
    const body = { token, name, password };
    return this.startWith(serverUrl, { method: 'POST', path: '/auth/accept-invitation', body });
  }

  async signOut(): Promise<SessionStatus> {
    const session = await this.deps.store.get();
    if (session) {
      // Best effort: the server revokes the session; locally it ends whatever the answer.
      await performRequest(
        this.deps.fetch,
        session.serverUrl,
        { method: 'POST', path: '/auth/logout' },
        session.token,
      );
    }
    return this.end(session?.serverUrl);
  }

  /** An API request with the session: refreshed ahead of expiry, retried once after `token_expired`. */
  async request(request: ApiRequest): Promise<ApiResponse> {
    let session = await this.deps.store.get();
    if (request.anonymous) {
      const server = session?.serverUrl ?? (await this.deps.defaultServer());
      return performRequest(this.deps.fetch, server, request, null);
    }
    if (!session) return signedOutAnswer();
    if (session.expiresAt - REFRESH_AHEAD_MS <= this.deps.now() + session.clockOffset) {
      const before = session;
      session = await this.refresh(session);
      if (!session) return this.afterFailedRefresh(before);
    }
    let response = await performRequest(this.deps.fetch, session.serverUrl, request, session.token);
    let code = errorCode(response);
    if (response.status === 401 && code !== null && (code === 'token_expired' || ENDED.has(code))) {
      // Renewed by another request while this one was on its way: the server has forgotten the
      // old token (refresh rotates both), so try once more with the new one before concluding.
      const latest = await this.deps.store.get();
      if (latest && latest.token !== session.token) {
        session = latest;
        response = await performRequest(this.deps.fetch, session.serverUrl, request, session.token);
        code = errorCode(response);
      }
    }
    if (response.status === 401 && code === 'token_expired') {
      const before = session;
      session = await this.refresh(session);
      if (!session) return this.afterFailedRefresh(before);
      response = await performRequest(this.deps.fetch, session.serverUrl, request, session.token);
    } else if (response.status === 401 && code && ENDED.has(code)) {
      await this.end(session.serverUrl);
    } else if (response.status === 403 && code === 'whatsapp_disabled') {
      await this.reloadMe(session);
    }
    return response;
  }

  /** Signed out if the server refused the refresh; still signed in (and told so) if it was unreachable. */
  private async afterFailedRefresh(session: StoredSession): Promise<ApiResponse> {
    return (await this.deps.store.get()) ? unreachable(session.serverUrl) : signedOutAnswer();
  }

  private async startWith(serverUrl: string, request: ApiRequest): Promise<SignInResult> {
    const answer = await performRequest(this.deps.fetch, serverUrl, { ...request, anonymous: true }, null);
    const parsed =
      answer.status === 200 && answer.body.kind === 'json'
        ? SessionResponseSchema.safeParse(answer.body.value)
        : null;
    if (!parsed?.success) {
      // Only a Greenline error (a string code) is worth repeating: another server's words, such as
      // the Graph API's "(#100) Invalid parameter", say nothing to the person about what to do.
      const greenline = errorCode(answer) !== null;
      const message = greenline
        ? messageOf(answer, `Signing in failed (the server answered ${answer.status}).`)
        : `The server at ${serverUrl} does not answer like a Greenline server (it answered ${answer.status}). Check the address.`;
      return { ok: false, message };
    }
    const tokens = parsed.data;
    const session = await this.withMe({
      serverUrl,
      token: tokens.token,
      refreshToken: tokens.refreshToken,
      expiresAt: tokens.expiresAt,
      refreshExpiresAt: tokens.refreshExpiresAt,
    });
    if (!session) return { ok: false, message: 'Signed in, but your account could not be read. Try again.' };
    await this.deps.store.set(session);
    const status = statusOf(serverUrl, session);
    this.deps.onChange(status);
    return { ok: true, status };
  }

  private async withMe(
    tokens: Omit<StoredSession, 'me' | 'meAt' | 'clockOffset'>,
  ): Promise<StoredSession | null> {
    const answer = await performRequest(
      this.deps.fetch,
      tokens.serverUrl,
      { method: 'GET', path: '/me' },
      tokens.token,
    );
    const parsed = answer.body.kind === 'json' ? MeResponseSchema.safeParse(answer.body.value) : null;
    if (answer.status !== 200 || !parsed?.success) return null;
    const now = this.deps.now();
    return { ...tokens, me: parsed.data, meAt: now, clockOffset: parsed.data.serverNow - now };
  }

  private async reloadMe(session: StoredSession): Promise<StoredSession | null> {
    const answer = await this.request({ method: 'GET', path: '/me' });
    const parsed = answer.body.kind === 'json' ? MeResponseSchema.safeParse(answer.body.value) : null;
    if (answer.status !== 200 || !parsed?.success) return this.deps.store.get();
    const current = (await this.deps.store.get()) ?? session;
    const now = this.deps.now();
    const next = { ...current, me: parsed.data, meAt: now, clockOffset: parsed.data.serverNow - now };
    await this.deps.store.set(next);
    const before = statusOf(current.serverUrl, current);
    const after = statusOf(next.serverUrl, next);
    if (before.enabled !== after.enabled || before.disabledReason !== after.disabledReason)
      this.deps.onChange(after);
    return next;
  }

  /** One refresh at a time; null (and signed out) when the session cannot be renewed. */
  private refresh(session: StoredSession): Promise<StoredSession | null> {
    this.refreshing ??= this.doRefresh(session).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(session: StoredSession): Promise<StoredSession | null> {
    // Already renewed since this session was read: its refresh token is spent, use the renewal.
    const latest = await this.deps.store.get();
    if (latest && latest.refreshToken !== session.refreshToken) return latest;
    const answer = await performRequest(
      this.deps.fetch,
      session.serverUrl,
      {
        method: 'POST',
        path: '/auth/refresh',
        body: { refreshToken: session.refreshToken },
        anonymous: true,
      },
      null,
    );
    if (answer.status === 0) return null;
    const parsed = answer.body.kind === 'json' ? SessionResponseSchema.safeParse(answer.body.value) : null;
    if (answer.status !== 200 || !parsed?.success) {
      await this.end(session.serverUrl);
      return null;
    }
    const next: StoredSession = {
      ...session,
      token: parsed.data.token,
      refreshToken: parsed.data.refreshToken,
      expiresAt: parsed.data.expiresAt,
      refreshExpiresAt: parsed.data.refreshExpiresAt,
    };
    await this.deps.store.set(next);
    return next;
  }

  private async end(serverUrl?: string): Promise<SessionStatus> {
    await this.deps.store.clear();
    const status = statusOf(serverUrl ?? (await this.deps.defaultServer()), null);
    this.deps.onChange(status);
    return status;
  }
}
