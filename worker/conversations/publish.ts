// After a step is saved: when each user hears of it. Thread items go out at once (P2), alongside the
// directory batch (history rows, Unassigned, timer registry, P1); the frames after which a panel
// reloads a list from the directory leave only once that batch committed, or the reload could miss
// what the frame announced (the customer's new message, the conversation waiting in Unassigned).
import type { LiveFrame } from '../../shared/api/live';

export interface Push {
  userId: string;
  frame: LiveFrame;
}

/** Frames after which a panel reloads a list from the directory (Unassigned, history). */
export function announcesList(frame: LiveFrame): boolean {
  return frame.type === 'unassigned' || frame.type === 'customer_message';
}

export interface PublishPorts {
  deliver(pushes: readonly Push[]): Promise<void>;
  writeDirectory(): Promise<void>;
}

export async function publishStep(ports: PublishPorts, pushes: readonly Push[]): Promise<void> {
  await Promise.all([ports.deliver(pushes.filter((p) => !announcesList(p.frame))), ports.writeDirectory()]);
  const announcing = pushes.filter((p) => announcesList(p.frame));
  if (announcing.length > 0) await ports.deliver(announcing);
}
