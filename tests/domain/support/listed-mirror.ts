// What the history and Unassigned lists show of one conversation (B11, B22), computed the way the
// conversation object computes its directory copy (`historyRows`, `waitingFor`) over a model of its
// log: the latest version of each outbound message and the last inbound item of each thread. The
// object writes its copy only after steps that `touchesHistory`; this checks, at every step of a
// simulated world, that no other step changes what the lists show.
import {
  historyRows,
  type LastSource,
  touchesHistory,
  waitingFor,
} from '../../../worker/conversations/listed';
import { type ConversationState, idOrder, type Step } from '../../../worker/domain/conversation';
import { type OutboundMessage, shownText } from '../../../worker/domain/messages';

export class ListedMirror {
  private readonly messages = new Map<string, OutboundMessage>();
  private readonly lastInbound = new Map<string, { at: number; text: string | null }>();
  private shown: string | null = null;

  /** The log as the object's store holds it, answering `lastOf` as the store does. */
  private readonly log: LastSource = {
    lastOf: (threadId) => {
      let out: OutboundMessage | undefined;
      for (const m of this.messages.values()) {
        if (m.threadId !== threadId) continue;
        const later =
          !out ||
          m.createdAt > out.createdAt ||
          (m.createdAt === out.createdAt && idOrder(m.id) > idOrder(out.id));
        if (later) out = m;
      }
      const event = this.lastInbound.get(threadId);
      if (event && (!out || event.at >= out.createdAt)) return { ...event, inbound: true };
      return out ? { at: out.createdAt, text: shownText(out), inbound: false } : null;
    },
  };

  private listed(state: ConversationState): string {
    return JSON.stringify({ rows: historyRows(this.log, state), waiting: waitingFor(this.log, state) });
  }

  /** Logs the step as the object's store would; a violation when it changed the lists unannounced. */
  check(before: ConversationState, step: Step): string[] {
    this.shown ??= this.listed(before);
    for (const e of step.effects) {
      if (e.type === 'message') this.messages.set(e.message.id, e.message);
      if (e.type === 'inbound') this.lastInbound.set(e.threadId, { at: e.at, text: e.message.text });
    }
    const shown = this.listed(step.state);
    const changed = shown !== this.shown;
    this.shown = shown;
    return changed && !touchesHistory(step.effects, before)
      ? [
          `B11: a step changed the history lists but owed no directory write (${step.effects.map((e) => e.type).join(', ')})`,
        ]
      : [];
  }
}
