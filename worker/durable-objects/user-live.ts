// One object per user holding their live WebSockets (B8, B20), with the hibernation API. A socket
// opens only with a one-time ticket (30 s) issued to a signed-in session, checked against D1 once at
// opening. After that the object is told: the code that revokes a session or disables / removes a
// user calls `end`, which closes the affected sockets at once, and each socket's attachment holds its
// session's expiry, so a frame goes out without a D1 read and a revoked session gets none (I8).
import { DurableObject } from 'cloudflare:workers';
import { LiveClientFrameSchema, type LiveFrame } from '../../shared/api/live';
import { hashToken, newToken } from '../auth/tokens';
import type { Env } from '../env';
import { sessionRefusal } from '../services/sessions';
import { openDb } from '../storage/db';
import { findSessionById } from '../storage/repos/sessions';
import { endSocket, type LiveEnding, type SocketFacts, socketFacts, socketLive } from './live-sockets';

const TICKET_MS = 30_000;
/** A socket that pings re-reads its session at most this often: a safety net behind `end`. */
const RECHECK_MS = 60_000;

interface Ticket {
  sessionId: string;
  expiresAt: number;
}

type SessionVerdict = { ok: true; expiresAt: number } | { ok: false; ending: LiveEnding };

export class UserLive extends DurableObject<Env> {
  /**
   * Counts `end` calls in this instance: an opening whose D1 read straddles one is refused, since it
   * may have read the session before the revocation that `end` announces.
   */
  private endings = 0;

  /** A ticket for `sessionId`; only its hash is kept. */
  async issueTicket(sessionId: string): Promise<{ secret: string; expiresAt: number }> {
    const secret = newToken('access');
    const expiresAt = Date.now() + TICKET_MS;
    await this.ctx.storage.put<Ticket>(`ticket:${await hashToken(secret)}`, { sessionId, expiresAt });
    return { secret, expiresAt };
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
      return Response.json(
        { error: { code: 'upgrade_required', message: 'Open this as a WebSocket.' } },
        { status: 426 },
      );
    }
    const secret = new URL(request.url).searchParams.get('secret') ?? '';
    const key = `ticket:${await hashToken(secret)}`;
    const ticket = await this.ctx.storage.get<Ticket>(key);
    await this.ctx.storage.delete(key); // one use, whatever happens next
    const before = this.endings;
    const verdict =
      ticket && ticket.expiresAt >= Date.now() ? await this.checkSession(ticket.sessionId) : undefined;
    if (!ticket || !verdict?.ok || this.endings !== before) {
      return Response.json(
        { error: { code: 'invalid_ticket', message: 'Get a new ticket from POST /api/v1/live/ticket.' } },
        { status: 401 },
      );
    }
    const pair = new WebSocketPair();
    const server = pair[1];
    this.ctx.acceptWebSocket(server);
    const facts: SocketFacts = {
      sessionId: ticket.sessionId,
      expiresAt: verdict.expiresAt,
      checkedAt: Date.now(),
    };
    server.serializeAttachment(facts);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  /** Sends a frame to every socket whose session is still good. */
  push(frame: LiveFrame): number {
    return this.pushAll([frame]);
  }

  /**
   * Sends the frames, in order, to every socket whose session is still good (not ended, not expired);
   * closes the expired ones. No await: an `end` runs wholly before or wholly after. Returns frames sent.
   */
  pushAll(frames: readonly LiveFrame[]): number {
    const texts = frames.map((frame) => JSON.stringify(frame));
    const now = Date.now();
    let sent = 0;
    for (const ws of this.ctx.getWebSockets()) {
      if (!socketLive(ws, now)) continue;
      for (const text of texts) ws.send(text);
      sent += texts.length;
    }
    return sent;
  }

  /**
   * Called by the code that revoked a session (`sessionId`) or withdrew the user's access (all their
   * sockets), after its D1 write: closes the affected sockets now. Returns how many were closed.
   */
  end(ending: LiveEnding, sessionId?: string): number {
    this.endings += 1;
    let closed = 0;
    for (const ws of this.ctx.getWebSockets()) {
      const facts = socketFacts(ws);
      if (facts.ended !== undefined || (sessionId !== undefined && facts.sessionId !== sessionId)) continue;
      endSocket(ws, facts, ending);
      closed += 1;
    }
    return closed;
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const text = typeof message === 'string' ? message : new TextDecoder().decode(message);
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: ignored like any other unknown frame
    }
    if (!LiveClientFrameSchema.safeParse(parsed).success) return;
    if (socketLive(ws, Date.now()) && (await this.recheck(ws)))
      ws.send(JSON.stringify({ type: 'pong' } satisfies LiveFrame));
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 ? 1000 : code, 'closing');
    } catch {
      // already closed by `end`
    }
  }

  /**
   * On a ping, at most once a minute: reads the session again (off the frames' path). Catches an
   * `end` that never arrived, and picks up the later expiry a refresh gave the session.
   */
  private async recheck(ws: WebSocket): Promise<boolean> {
    if (Date.now() - (socketFacts(ws).checkedAt ?? 0) < RECHECK_MS) return true;
    const verdict = await this.checkSession(socketFacts(ws).sessionId);
    const facts = socketFacts(ws);
    if (facts.ended !== undefined) return false;
    if (!verdict.ok) {
      endSocket(ws, facts, verdict.ending);
      return false;
    }
    ws.serializeAttachment({ ...facts, expiresAt: verdict.expiresAt, checkedAt: Date.now() });
    return true;
  }

  private async checkSession(sessionId: string): Promise<SessionVerdict> {
    const ctx = await findSessionById(openDb(this.env), sessionId);
    if (!ctx) return { ok: false, ending: 'revoked' };
    const { session, user, org } = ctx;
    if (user.removedAt !== null) return { ok: false, ending: 'accountRemoved' };
    if (user.disabledAt !== null) return { ok: false, ending: 'accountDisabled' };
    const refusal = sessionRefusal(ctx, Date.now(), session.refreshExpiresAt);
    if (refusal) return { ok: false, ending: refusal.code === 'token_expired' ? 'expired' : 'revoked' };
    if (!org.whatsappEnabled || !user.whatsappEnabled) return { ok: false, ending: 'whatsappOff' };
    return { ok: true, expiresAt: session.refreshExpiresAt };
  }
}
