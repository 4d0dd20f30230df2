// A WebSocket that resolves a waiter when a frame carrying a given text arrives (Greenline's `item`
// frames and the bare relay's frames both carry the message text).
export class FrameWaiter {
  private readonly waiting = new Map<string, (at: number) => void>();

  private constructor(readonly ws: WebSocket) {
    ws.addEventListener('message', (e) => {
      const frame = JSON.parse(String(e.data)) as {
        type: string;
        text?: string | null;
        item?: { text?: string | null };
      };
      const text = frame.item?.text ?? frame.text;
      if (text) this.waiting.get(text)?.(performance.now());
    });
  }

  static async open(url: string): Promise<FrameWaiter> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => resolve());
      ws.addEventListener('error', () => reject(new Error(`socket ${url} did not open`)));
    });
    return new FrameWaiter(ws);
  }

  /** Runs `send`, and resolves with the ms from just before it to the frame carrying `text`. */
  async latency(text: string, send: () => Promise<void>, timeoutMs = 10_000): Promise<number> {
    const arrived = new Promise<number>((resolve) => this.waiting.set(text, resolve));
    const t0 = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await send();
      const t1 = await Promise.race([
        arrived,
        new Promise<number>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no frame for "${text}"`)), timeoutMs);
        }),
      ]);
      return t1 - t0;
    } finally {
      clearTimeout(timer);
      this.waiting.delete(text);
    }
  }

  close(): void {
    this.ws.close();
  }
}
