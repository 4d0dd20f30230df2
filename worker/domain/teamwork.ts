// Teamwork commands on a conversation (B13–B17, B22): the team change itself (team.ts), the system
// events in the thread, what the customer is told (window rule as in B14), and the queue.
import type { Command, ConversationContext, ConversationState, Effect, Step } from './conversation';
import { nextId } from './conversation';
import { dropQueued, enqueueNotice } from './queue-ops';
import type { SystemEvent } from './system-events';
import * as team from './team';

export type TeamCommand = Extract<
  Command,
  {
    type:
      | 'start'
      | 'add_participant'
      | 'leave'
      | 'remove_participant'
      | 'transfer'
      | 'request_join'
      | 'answer_join';
  }
>;

export function onTeamCommand(state: ConversationState, cmd: TeamCommand, ctx: ConversationContext): Step {
  const { now } = ctx;
  switch (cmd.type) {
    case 'start': {
      const [withId, threadId] = nextId(state, 't');
      const started = team.start(withId.team, cmd.actor, threadId, now);
      if (started.outcome.type === 'occupied' || started.outcome.type === 'already_participant') {
        return { state, effects: [], result: { ok: true, outcome: started.outcome } };
      }
      const next = { ...withId, team: started.team };
      return finish(next, started.events, [], ctx, { ok: true, outcome: started.outcome });
    }
    case 'add_participant':
      return applyTeam(
        state,
        team.addParticipant(state.team, cmd.actor, cmd.target, now),
        ctx,
        (next) => next,
      );
    case 'leave':
      return applyTeam(state, team.leave(state.team, cmd.actor, now), ctx, (next, effects) => {
        const dropped = dropQueued(next, (m) => m.authorId === cmd.actor.id, 'author_left', now, effects);
        return enqueueNotice(dropped, 'participant_left', cmd.actor.name, ctx, effects);
      });
    case 'remove_participant': {
      const target = state.team.participants.find((p) => p.userId === cmd.targetId);
      return applyTeam(
        state,
        team.removeParticipant(state.team, cmd.actor, cmd.targetId, now),
        ctx,
        (next, effects) => {
          effects.push({ type: 'access_revoked', userId: cmd.targetId });
          const dropped = dropQueued(
            next,
            (m) => m.authorId === cmd.targetId,
            'author_removed',
            now,
            effects,
          );
          return enqueueNotice(dropped, 'participant_removed', target?.name ?? null, ctx, effects);
        },
      );
    }
    case 'transfer':
      return applyTeam(state, team.transfer(state.team, cmd.actor, cmd.target, now), ctx, (next, effects) => {
        const dropped = dropQueued(next, (m) => m.authorId === cmd.actor.id, 'author_left', now, effects);
        return enqueueNotice(dropped, 'transferred', cmd.target.name, ctx, effects);
      });
    case 'request_join':
      return applyTeam(state, team.requestJoin(state.team, cmd.actor, now), ctx, (next) => next);
    case 'answer_join':
      return applyTeam(
        state,
        team.answerJoin(state.team, cmd.actor, cmd.requesterId, cmd.accept, now),
        ctx,
        (next) => next,
      );
  }
}

function applyTeam(
  state: ConversationState,
  result: team.TeamResult,
  ctx: ConversationContext,
  then: (next: ConversationState, effects: Effect[]) => ConversationState,
): Step {
  if (!result.ok) return { state, effects: [], result: { ok: false, reason: result.reason } };
  const effects: Effect[] = [];
  const next = then({ ...state, team: result.team }, effects);
  return finish(next, result.events, effects, ctx, { ok: true });
}

function finish(
  state: ConversationState,
  events: SystemEvent[],
  effects: Effect[],
  ctx: ConversationContext,
  result: Step['result'],
): Step {
  const thread = team.currentThread(state.team) ?? state.team.threads.at(-1);
  const systemEffects: Effect[] = thread
    ? events.map((event) => ({ type: 'system' as const, threadId: thread.id, at: ctx.now, event }))
    : [];
  return { state, effects: [...systemEffects, ...effects, { type: 'state_changed' }], result };
}
