// One object per user holding their live WebSockets (B8, B20), with the hibernation API. A socket
// opens only with a one-time ticket (30 s) issued to a signed-in session; before each frame the
// session is checked again, so a revoked session or a disabled user gets nothing more (I8).
import { DurableObject } from 'cloudflare:workers';
import { LiveClientFrameSchema, type LiveFrame } from '../../shared/api/live';
import { newToken, hashToken } from '../auth/tokens';
import { phaseTimer } from '../conversations/timings';
import type { Env } from '../env';
import { sessionRefusal } from '../services/sessions';
import { openDb } from '../storage/db';
import { findSessionById } from '../storage/repos/sessions';

const TICKET_MS = 30_000;

interface Ticket {
  sessionId: string;
  expiresAt: number;
}

interface Attachment {
  sessionId: string;
}

export class UserLive extends DurableObject<Env> {
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
    if (!ticket || ticket.expiresAt < Date.now() || !(await this.sessionValid(ticket.sessionId))) {
      return Response.json(
        { error: { code: 'invalid_ticket', message: 'Get a new ticket from POST /api/v1/live/ticket.' } },
        { status: 401 },
      );
    }
    const pair = new WebSocketPair();
    const server = pair[1];
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ sessionId: ticket.sessionId } satisfies Attachment);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  /** Sends a frame to every socket whose session is still good; closes the others. */
  async push(frame: LiveFrame): Promise<number> {
    return this.pushAll([frame]);
  }

  /**
   * Sends the frames, in order, to every socket whose session is still good (checked once per session
   * for the batch, before its first frame); closes the others. Returns the frames sent.
   */
  async pushAll(frames: readonly LiveFrame[]): Promise<number> {
    const mark = phaseTimer(this.env);
    const sockets = this.ctx.getWebSockets();
    const validity = new Map<string, Promise<boolean>>();
    let sent = 0;
    for (const ws of sockets) {
      const { sessionId } = ws.deserializeAttachment() as Attachment;
      if (!validity.has(sessionId)) validity.set(sessionId, this.sessionValid(sessionId));
      const valid = await validity.get(sessionId);
      mark('live_session_check');
      if (valid) {
        for (const frame of frames) ws.send(JSON.stringify(frame));
        sent += frames.length;
      } else {
        ws.close(4401, 'session ended');
      }
    }
    return sent;
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const text = typeof message === 'string' ? message : new TextDecoder().decode(message);
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: ignored like any other unknown frame
    }
    if (LiveClientFrameSchema.safeParse(parsed).success)
      ws.send(JSON.stringify({ type: 'pong' } satisfies LiveFrame));
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    ws.close(code === 1005 ? 1000 : code, 'closing');
  }

  private async sessionValid(sessionId: string): Promise<boolean> {
    const ctx = await findSessionById(openDb(this.env), sessionId);
    if (!ctx || sessionRefusal(ctx, Date.now(), ctx.session.refreshExpiresAt) !== undefined) return false;
    return ctx.org.whatsappEnabled && ctx.user.whatsappEnabled;
  }
}
