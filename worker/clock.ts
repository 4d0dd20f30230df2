// The one way the Worker and its Durable Objects read time. In development the clock can be moved
// forward (`POST /__dev/clock`, I9) so a whole local world — worker and sandbox — jumps together;
// everywhere else it is the real clock.
import type { DevClock } from './durable-objects/dev-clock';

export interface ClockEnv {
  ENVIRONMENT?: string;
  DEV_CLOCK?: DurableObjectNamespace<DevClock>;
}

export function isDevelopment(env: ClockEnv): boolean {
  return env.ENVIRONMENT === 'development';
}

function devClock(env: ClockEnv): DurableObjectStub<DevClock> | null {
  if (!isDevelopment(env) || !env.DEV_CLOCK) return null;
  return env.DEV_CLOCK.get(env.DEV_CLOCK.idFromName('clock'));
}

/** How far the clock runs ahead of real time (0 outside development). */
export async function clockOffset(env: ClockEnv): Promise<number> {
  const clock = devClock(env);
  return clock ? await clock.offset() : 0;
}

export async function now(env: ClockEnv): Promise<number> {
  return Date.now() + (await clockOffset(env));
}

/** Moves the development clock; refuses (returns null) outside development. */
export async function advanceClock(env: ClockEnv, ms: number): Promise<number | null> {
  const clock = devClock(env);
  if (!clock) return null;
  return Date.now() + (await clock.advance(ms));
}
