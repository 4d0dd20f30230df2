// Teamwork as the panel offers it (B13–B17, B22): this user's role in the conversation and which
// details-menu actions they have, each disabled one with its reason. Pure.
import type { ConversationState } from './status';

export type TeamRole =
  /** In the conversation. */
  | 'participant'
  /** Asked to join; a participant has not answered yet. */
  | 'requested'
  /** Colleagues are in it and this user may ask to join (same sub-org as one of them). */
  | 'can_ask'
  /** Colleagues are in it and this user cannot join (another sub-org, or not enabled). */
  | 'cannot_join'
  /** Nobody is in it: start, restart or claim. */
  | 'nobody';

export function teamRole(
  state: ConversationState,
  myId: string | null,
  canRequestJoin: boolean | null,
): TeamRole {
  if (state.youAreParticipant) return 'participant';
  if (state.participants.length === 0) return 'nobody';
  if (state.joinRequests.some((r) => r.userId === myId)) return 'requested';
  return canRequestJoin === false ? 'cannot_join' : 'can_ask';
}

export type DetailsAction = 'add' | 'leave' | 'remove' | 'transfer' | 'restart' | 'history' | 'unassigned';

export interface DetailsItem {
  action: DetailsAction;
  label: string;
  enabled: boolean;
  reason: string | null;
}

export const DETAILS_LABELS: Record<DetailsAction, string> = {
  add: 'Add user',
  leave: 'Leave conversation',
  remove: 'Remove participant',
  transfer: 'Transfer',
  restart: 'Restart conversation',
  history: 'History',
  unassigned: 'Unassigned',
};

const NOT_IN_IT = 'You are not in this conversation.';

function reasonFor(action: DetailsAction, role: TeamRole, state: ConversationState): string | null {
  const participant = role === 'participant';
  switch (action) {
    case 'add':
    case 'leave':
    case 'transfer':
      return participant ? null : NOT_IN_IT;
    case 'remove':
      if (!participant) return NOT_IN_IT;
      return state.participants.length > 1 ? null : 'Nobody else is in the conversation.';
    case 'restart':
      if (participant) return 'You are in this conversation already.';
      return role === 'nobody' ? null : 'Colleagues are in this conversation: ask to join instead.';
    case 'history':
    case 'unassigned':
      return null;
  }
}

/** The details menu for this user now, in the seed's order. */
export function detailsItems(state: ConversationState | null, role: TeamRole | null): DetailsItem[] {
  const actions: DetailsAction[] = ['add', 'remove', 'transfer', 'leave', 'restart', 'history', 'unassigned'];
  return actions.map((action) => {
    const reason =
      state && role
        ? reasonFor(action, role, state)
        : action === 'history' || action === 'unassigned'
          ? null
          : 'Open a contact first.';
    return { action, label: DETAILS_LABELS[action], enabled: reason === null, reason };
  });
}
