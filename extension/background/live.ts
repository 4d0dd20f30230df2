// The one live socket per signed-in user (B8, B20): a one-time ticket first, then the WebSocket.
// Pings every 20 s, which also keeps the MV3 service worker alive (Chrome extends its lifetime on
// WebSocket activity; the idle limit is 30 s); reconnects with exponential backoff and jitter. Frames
// are checked with the shared schema before anyone acts on them.
import { type LiveFrame, LiveFrameSchema } from '../../shared/api/live';

export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(
    type: 'open' | 'close' | 'error' | 'message',
    listener: (event: { data?: unknown }) => void,
  ): void;
}

export interface LiveDeps {
  /** A ticket URL (`wss://…/api/v1/live?ticket=…`), or null when not signed in / not enabled. */
  ticketUrl: () => Promise<string | null>;
  open: (url: string) => SocketLike;
  onFrame: (frame: LiveFrame) => void;
  onState?: (state: LiveState) => void;
  /** The socket is open again after a drop: frames sent meanwhile were missed (reload what is shown). */
  onResumed?: () => void;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  random: () => number;
}

export type LiveState = 'stopped' | 'connecting' | 'open' | 'waiting';

export const PING_EVERY_MS = 20_000;
export const MAX_BACKOFF_MS = 30_000;

/** 1 s, 2 s, 4 s … up to 30 s, with ±20 % jitter so many browsers do not reconnect in step. */
export function backoffMs(attempt: number, random: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random));
}

export class LiveConnection {
  private socket: SocketLike | null = null;
  private wanted = false;
  private attempt = 0;
  private pingTimer: unknown = null;
  private retryTimer: unknown = null;
  /** Whether a socket was open since `start`: the next open is then a resumption. */
  private wasOpen = false;
  state: LiveState = 'stopped';

  constructor(private readonly deps: LiveDeps) {}

  /** Idempotent: one socket at most. */
  start(): void {
    if (!this.wanted) this.wasOpen = false;
    this.wanted = true;
    if (this.state === 'stopped') void this.connect();
  }

  stop(): void {
    this.wanted = false;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'signed out');
    this.setState('stopped');
  }

  private setState(state: LiveState): void {
    this.state = state;
    this.deps.onState?.(state);
  }

  private async connect(): Promise<void> {
    this.setState('connecting');
    let url: string | null = null;
    try {
      url = await this.deps.ticketUrl();
    } catch {
      url = null;
    }
    if (!this.wanted) return this.setState('stopped');
    if (!url) return this.retryLater();
    const socket = this.deps.open(url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.setState('open');
      this.schedulePing();
      if (this.wasOpen) this.deps.onResumed?.();
      this.wasOpen = true;
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearTimers();
      if (this.wanted) this.retryLater();
      else this.setState('stopped');
    });
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const frame = LiveFrameSchema.safeParse(json);
    if (frame.success && frame.data.type !== 'pong') this.deps.onFrame(frame.data);
  }

  private schedulePing(): void {
    this.pingTimer = this.deps.setTimer(() => {
      if (this.socket?.readyState === 1) this.socket.send(JSON.stringify({ type: 'ping' }));
      this.schedulePing();
    }, PING_EVERY_MS);
  }

  private retryLater(): void {
    this.setState('waiting');
    const delay = backoffMs(this.attempt++, this.deps.random());
    this.retryTimer = this.deps.setTimer(() => {
      this.retryTimer = null;
      if (this.wanted) void this.connect();
    }, delay);
  }

  private clearTimers(): void {
    if (this.pingTimer !== null) this.deps.clearTimer(this.pingTimer);
    if (this.retryTimer !== null) this.deps.clearTimer(this.retryTimer);
    this.pingTimer = null;
    this.retryTimer = null;
  }
}
