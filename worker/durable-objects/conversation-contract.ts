// What the conversation object's callers (routes and services) hand it and get back for a user's
// command: kept apart from the object so they depend on its contract, not its implementation.
import type { outboundItem } from '../conversations/thread-view';
import type { Command, Result } from '../domain/conversation';
import type { TeamCommand } from '../domain/teamwork';
import type { ConversationView } from '../domain/view';

/** Commands a signed-in user may give; the route builds them from the request. */
export type UserCommand = TeamCommand | Extract<Command, { type: 'request_opt_in' | 'write' }>;

export interface ActResult {
  result: Result;
  message: ReturnType<typeof outboundItem> | null;
  view: ConversationView;
}
