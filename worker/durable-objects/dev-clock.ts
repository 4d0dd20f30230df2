// The development clock (I9): one object holding how far the local world's clock runs ahead of real
// time. Only consulted when ENVIRONMENT=development; production time is Date.now().
import { DurableObject } from 'cloudflare:workers';

export class DevClock extends DurableObject {
  async offset(): Promise<number> {
    return (await this.ctx.storage.get<number>('offset')) ?? 0;
  }

  /** Moves the clock forward (never back: timers that fired stay fired) and returns the new offset. */
  async advance(ms: number): Promise<number> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advanceMs must be a non-negative number');
    const next = (await this.offset()) + ms;
    await this.ctx.storage.put('offset', next);
    return next;
  }
}
