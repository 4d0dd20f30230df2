// One `liveFrame` listener per page (@webext-core/messaging allows one per message type), fanned out
// to every model that wants frames.
import type { PageFrame } from '../../messaging/protocol';
import type { LiveFrames } from './ports';

export interface LiveHub extends LiveFrames {
  emit(frame: PageFrame): void;
}

export function createLiveHub(): LiveHub {
  const listeners = new Set<(frame: PageFrame) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(frame) {
      for (const listener of [...listeners]) listener(frame);
    },
  };
}
