// The conversation core's one entry point: every command goes through `decide`, which returns the
// new state, the effects to run after saving it, and the result for the caller.
import type { Command, ConversationContext, ConversationState, Step } from './conversation';
import { nextSend } from './drain';
import { onInbound } from './inbound';
import { requestOptIn, write } from './outbound';
import { onSendResult, onStatus } from './outcomes';
import { onTeamCommand } from './teamwork';
import { recover, tick } from './timers';

export function decide(state: ConversationState, command: Command, ctx: ConversationContext): Step {
  switch (command.type) {
    case 'start':
    case 'add_participant':
    case 'leave':
    case 'remove_participant':
    case 'transfer':
    case 'request_join':
    case 'answer_join':
      return onTeamCommand(state, command, ctx);
    case 'request_opt_in':
      return requestOptIn(state, command, ctx);
    case 'write':
      return write(state, command, ctx);
    case 'inbound':
      return onInbound(state, command, ctx);
    case 'status':
      return onStatus(state, command, ctx);
    case 'next_send':
      return nextSend(state, ctx);
    case 'send_result':
      return onSendResult(state, command, ctx);
    case 'tick':
      return tick(state, ctx);
    case 'recover':
      return recover(state, ctx);
  }
}
