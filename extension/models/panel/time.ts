// Time as the panel shows it (B2d, B8): the server's clock estimated from the offset measured at each
// fetch, and durations worded for people. Pure; `now` is always an argument.
import { HOUR, MINUTE, SECOND } from '../../../shared/time';

/** serverNow − local now at the moment a state arrived: add it to local time to get server time. */
export function serverOffset(serverNow: number, localNow: number): number {
  return serverNow - localNow;
}

export function serverTime(offset: number, localNow: number): number {
  return localNow + offset;
}

/** Milliseconds left until `at` by the server's clock; 0 once it has passed. */
export function countdown(at: number, offset: number, localNow: number): number {
  return Math.max(0, at - serverTime(offset, localNow));
}

/** "23 h 05 min", "12 min", "45 s": precise enough for a window or an opt-in wait. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, ms);
  if (total >= HOUR) {
    const h = Math.floor(total / HOUR);
    const m = Math.floor((total % HOUR) / MINUTE);
    return `${h} h ${String(m).padStart(2, '0')} min`;
  }
  if (total >= MINUTE) return `${Math.floor(total / MINUTE)} min`;
  return `${Math.ceil(total / SECOND)} s`;
}

/** A time of day for a thread item or a list line, in the user's locale. */
export function formatTime(at: number, locale?: string): string {
  return new Date(at).toLocaleString(locale, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
