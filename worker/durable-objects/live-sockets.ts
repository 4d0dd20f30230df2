// What a user's live object knows about each of its sockets (I8), kept in the socket's attachment so
// it survives hibernation: the session it was opened for and when that session expires. A revoked
// session or a disabled / removed user is told to the object by the code that revokes
// (`endLive` in worker/services/live-revocation.ts), so no frame waits for a D1 read.

/** Why a socket is closed, as the client sees it (close code and reason). */
export const LIVE_CLOSE = {
  signedOut: { code: 4401, reason: 'signed out' },
  expired: { code: 4401, reason: 'session expired' },
  revoked: { code: 4401, reason: 'session revoked' },
  accountDisabled: { code: 4403, reason: 'account disabled' },
  accountRemoved: { code: 4403, reason: 'account removed' },
  whatsappOff: { code: 4403, reason: 'whatsapp disabled' },
} as const;

export type LiveEnding = keyof typeof LIVE_CLOSE;

export interface SocketFacts {
  sessionId: string;
  /** The session's refresh expiry when the socket opened: past it, the socket gets nothing more. */
  expiresAt: number;
  /** When the session was last read from D1 (at opening, then on pings: `RECHECK_MS`). */
  checkedAt?: number;
  /** Set (before the close) once the socket was ended, so nothing is sent on it while it closes. */
  ended?: LiveEnding;
}

/** Reads a socket's facts; a socket without them (opened by an older version) counts as expired. */
export function socketFacts(ws: WebSocket): SocketFacts {
  const raw = ws.deserializeAttachment() as Partial<SocketFacts> | null;
  return {
    sessionId: raw?.sessionId ?? '',
    expiresAt: typeof raw?.expiresAt === 'number' ? raw.expiresAt : 0,
    ...(typeof raw?.checkedAt === 'number' ? { checkedAt: raw.checkedAt } : {}),
    ...(raw?.ended ? { ended: raw.ended } : {}),
  };
}

/** Marks the socket ended in its attachment, then closes it with the ending's code and reason. */
export function endSocket(ws: WebSocket, facts: SocketFacts, ending: LiveEnding): void {
  ws.serializeAttachment({ ...facts, ended: ending } satisfies SocketFacts);
  const { code, reason } = LIVE_CLOSE[ending];
  try {
    ws.close(code, reason);
  } catch {
    // already closing: the attachment keeps it silent
  }
}

/** Whether a frame may go to this socket now; ends it when its session has expired. */
export function socketLive(ws: WebSocket, now: number): boolean {
  const facts = socketFacts(ws);
  if (facts.ended !== undefined) return false;
  if (facts.expiresAt <= now) {
    endSocket(ws, facts, 'expired');
    return false;
  }
  return true;
}
