// A conversation object's send loop (I5, P3): one message at a time until nothing more may go. Each
// send's answer is saved together with the pass that picks the next message — one commit and one
// set of live frames for both — unless the answer pauses the number, which must take effect before
// anything else may go. A second caller while the loop runs just asks it for another pass.
import type {
  Command,
  ConversationContext,
  ConversationState,
  Effect,
  SendResultOutcome,
  Step,
} from '../domain/conversation';
import { hasQueued } from '../domain/drain';

export type Send = Extract<Effect, { type: 'send' }>;
export type SendAnswer = Extract<Command, { type: 'send_result' }>;
type Decide = (state: ConversationState, command: Command, ctx: ConversationContext) => Step;

/** At most this many sends in one loop; whatever is left goes in the next one. */
const MAX_SENDS_PER_LOOP = 200;

/**
 * A send's answer followed by the next send pass, as one step (its effects in order). The answer
 * alone when it pauses the number or leaves nothing queued.
 */
export function answerThenNext(
  decide: Decide,
  state: ConversationState,
  answer: SendAnswer,
  ctx: ConversationContext,
): Step {
  const first = decide(state, answer, ctx);
  const pauses = first.effects.some((e) => e.type === 'pause_number');
  if (pauses || !hasQueued(first.state)) return first;
  const next = decide(first.state, { type: 'next_send' }, ctx);
  return { ...next, effects: [...first.effects, ...next.effects] };
}

export interface DrainHost {
  state(): ConversationState;
  /** Decides, saves and applies one step (`run` of the object). */
  step(command: Command): Promise<Step>;
  /** The same for a send's answer and the pass after it (`answerThenNext`). */
  stepAnswer(answer: SendAnswer): Promise<Step>;
  /** Sends through the Cloud API and returns the outcome in the core's terms. */
  send(send: Send): Promise<SendResultOutcome>;
}

const isSend = (e: Effect): e is Send => e.type === 'send';

export class ConversationDrain {
  private running = false;
  private again = false;

  constructor(private readonly host: DrainHost) {}

  async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    // The last send's answer, saved together with the next pass.
    let answer: SendAnswer | null = null;
    try {
      for (let i = 0; i < MAX_SENDS_PER_LOOP; i++) {
        // Only a queued message can be sent, refused or held: without one the pass would change nothing.
        const step: Step | null = answer
          ? await this.host.stepAnswer(answer)
          : hasQueued(this.host.state())
            ? await this.host.step({ type: 'next_send' })
            : null;
        answer = null;
        const send: Send | undefined = step?.effects.find(isSend);
        if (!send) {
          if (!this.again) break;
          this.again = false;
          continue;
        }
        const outcome = await this.host.send(send);
        answer = { type: 'send_result', messageId: send.messageId, attempt: send.attempt, outcome };
      }
      if (answer) await this.host.step(answer);
    } finally {
      this.running = false;
    }
  }
}
