// Participants, threads and read access (B11, B13–B17, B22, I8): who is in the conversation, who may
// read which thread up to when, and the system events each change produces.
import type { SystemEvent } from './system-events';

export interface UserRef {
  id: string;
  name: string;
  subOrgId: string;
  /** WhatsApp enabled for this user (and their org); checked by the API as well. */
  enabled: boolean;
}

export interface Participant {
  userId: string;
  name: string;
  subOrgId: string;
  joinedAt: number;
}

export interface Thread {
  id: string;
  startedAt: number;
  endedAt: number | null;
  /** The user who started it, or null when the customer's message started it (B22). */
  startedBy: string | null;
}

/** Read access to one thread: from its start until `until` (null: still a participant). */
export interface AccessGrant {
  threadId: string;
  userId: string;
  until: number | null;
}

export interface JoinRequest {
  userId: string;
  name: string;
  subOrgId: string;
  requestedAt: number;
}

export interface Team {
  threads: Thread[];
  participants: Participant[];
  access: AccessGrant[];
  joinRequests: JoinRequest[];
  /** Who was in the conversation when it ended, to notify them of an unassigned message (B22). */
  lastParticipants: string[];
}

export const EMPTY_TEAM: Team = {
  threads: [],
  participants: [],
  access: [],
  joinRequests: [],
  lastParticipants: [],
};

export type TeamRefusal =
  | 'not_participant'
  | 'already_participant'
  | 'not_eligible'
  | 'occupied'
  | 'no_such_request'
  | 'cannot_remove_self'
  | 'no_active_thread';

export type TeamResult = { ok: true; team: Team; events: SystemEvent[] } | { ok: false; reason: TeamRefusal };

export function currentThread(team: Team): Thread | null {
  const last = team.threads.at(-1);
  return last && last.endedAt === null ? last : null;
}

export function isParticipant(team: Team, userId: string): boolean {
  return team.participants.some((p) => p.userId === userId);
}

/** B13: enabled users of the actor's sub-org who are not in the conversation yet. */
export function isEligible(team: Team, actor: Pick<UserRef, 'subOrgId'>, candidate: UserRef): boolean {
  return candidate.enabled && candidate.subOrgId === actor.subOrgId && !isParticipant(team, candidate.id);
}

/** The grant that lets `userId` read `threadId`, if any (B11, B14, B15). */
export function readAccess(team: Team, userId: string, threadId: string): AccessGrant | null {
  return team.access.find((g) => g.userId === userId && g.threadId === threadId) ?? null;
}

export function readableThreads(team: Team, userId: string): Thread[] {
  return team.threads.filter((t) => readAccess(team, userId, t.id) !== null);
}

export function startThread(team: Team, threadId: string, startedBy: UserRef | null, now: number): Team {
  const threads = [...team.threads.map((t) => (t.endedAt === null ? { ...t, endedAt: now } : t))];
  threads.push({ id: threadId, startedAt: now, endedAt: null, startedBy: startedBy?.id ?? null });
  const base: Team = { ...team, threads, participants: [], joinRequests: [] };
  return startedBy ? join(base, threadId, startedBy, now) : base;
}

function join(team: Team, threadId: string, user: UserRef, now: number): Team {
  const participants = [
    ...team.participants,
    { userId: user.id, name: user.name, subOrgId: user.subOrgId, joinedAt: now },
  ];
  const others = team.access.filter((g) => !(g.userId === user.id && g.threadId === threadId));
  return {
    ...team,
    participants,
    access: [...others, { threadId, userId: user.id, until: null }],
    joinRequests: team.joinRequests.filter((r) => r.userId !== user.id),
  };
}

function depart(team: Team, userId: string, now: number, keepAccess: boolean): Team {
  const participants = team.participants.filter((p) => p.userId !== userId);
  const access = keepAccess
    ? team.access.map((g) => (g.userId === userId && g.until === null ? { ...g, until: now } : g))
    : team.access.filter((g) => g.userId !== userId);
  let next: Team = { ...team, participants, access };
  if (participants.length === 0) {
    // B14: the conversation ends with its last participant.
    next = {
      ...next,
      threads: next.threads.map((t) => (t.endedAt === null ? { ...t, endedAt: now } : t)),
      joinRequests: [],
      lastParticipants: team.participants.map((p) => p.userId),
    };
  }
  return next;
}

const person = (p: { userId?: string; id?: string; name: string }) => ({
  id: p.userId ?? p.id ?? '',
  name: p.name,
});

/** B13: a participant adds an eligible colleague. */
export function addParticipant(team: Team, actor: UserRef, target: UserRef, now: number): TeamResult {
  const thread = currentThread(team);
  if (!thread || !isParticipant(team, actor.id)) return { ok: false, reason: 'not_participant' };
  if (isParticipant(team, target.id)) return { ok: false, reason: 'already_participant' };
  if (!isEligible(team, actor, target)) return { ok: false, reason: 'not_eligible' };
  return {
    ok: true,
    team: join(team, thread.id, target, now),
    events: [{ type: 'added', actor: person(actor), subject: person(target) }],
  };
}

/** B14: a participant leaves; they keep read access up to now. */
export function leave(team: Team, actor: UserRef, now: number): TeamResult {
  if (!isParticipant(team, actor.id)) return { ok: false, reason: 'not_participant' };
  const next = depart(team, actor.id, now, true);
  const events: SystemEvent[] = [{ type: 'left', actor: person(actor) }];
  if (next.participants.length === 0) events.push({ type: 'ended' });
  return { ok: true, team: next, events };
}

/** B15: a participant removes another; the removed user loses all access at once. */
export function removeParticipant(team: Team, actor: UserRef, targetId: string, now: number): TeamResult {
  if (!isParticipant(team, actor.id)) return { ok: false, reason: 'not_participant' };
  if (actor.id === targetId) return { ok: false, reason: 'cannot_remove_self' };
  const target = team.participants.find((p) => p.userId === targetId);
  if (!target) return { ok: false, reason: 'not_participant' };
  return {
    ok: true,
    team: depart(team, targetId, now, false),
    events: [{ type: 'removed', actor: person(actor), subject: person(target) }],
  };
}

/** B16: hand over in one step: the target joins, the actor leaves. */
export function transfer(team: Team, actor: UserRef, target: UserRef, now: number): TeamResult {
  const added = addParticipant(team, actor, target, now);
  if (!added.ok) return added;
  return {
    ok: true,
    team: depart(added.team, actor.id, now, true),
    events: [{ type: 'transferred', actor: person(actor), subject: person(target) }],
  };
}

/** B22: someone outside asks to join; only when they share a sub-org with a participant. */
export function requestJoin(team: Team, actor: UserRef, now: number): TeamResult {
  if (isParticipant(team, actor.id)) return { ok: false, reason: 'already_participant' };
  if (team.participants.length === 0) return { ok: false, reason: 'no_active_thread' };
  if (!actor.enabled || !team.participants.some((p) => p.subOrgId === actor.subOrgId)) {
    return { ok: false, reason: 'not_eligible' };
  }
  if (team.joinRequests.some((r) => r.userId === actor.id)) return { ok: true, team, events: [] };
  const request = { userId: actor.id, name: actor.name, subOrgId: actor.subOrgId, requestedAt: now };
  return {
    ok: true,
    team: { ...team, joinRequests: [...team.joinRequests, request] },
    events: [{ type: 'join_requested', actor: person(actor) }],
  };
}

/** B22: a participant accepts or declines a join request. */
export function answerJoin(
  team: Team,
  actor: UserRef,
  requesterId: string,
  accept: boolean,
  now: number,
): TeamResult {
  const thread = currentThread(team);
  if (!thread || !isParticipant(team, actor.id)) return { ok: false, reason: 'not_participant' };
  const request = team.joinRequests.find((r) => r.userId === requesterId);
  if (!request) return { ok: false, reason: 'no_such_request' };
  if (!accept) {
    // Said in the thread, where the request was, and to the requester, who waits for an answer.
    return {
      ok: true,
      team: { ...team, joinRequests: team.joinRequests.filter((r) => r !== request) },
      events: [
        { type: 'join_declined', actor: person(actor), subject: { id: request.userId, name: request.name } },
      ],
    };
  }
  const requester: UserRef = {
    id: request.userId,
    name: request.name,
    subOrgId: request.subOrgId,
    enabled: true,
  };
  return {
    ok: true,
    team: join(team, thread.id, requester, now),
    events: [{ type: 'added', actor: person(actor), subject: person(requester) }],
  };
}

export type StartOutcome =
  | { type: 'already_participant' }
  | { type: 'claimed' }
  | { type: 'started' }
  | { type: 'occupied'; participants: Participant[]; canRequestJoin: boolean };

/**
 * B17 / B22: a user opens WhatsApp for the contact. Joins an unassigned thread, starts a new one when
 * the conversation ended, or reports who is in it.
 */
export function start(
  team: Team,
  actor: UserRef,
  newThreadId: string,
  now: number,
): { team: Team; outcome: StartOutcome; events: SystemEvent[] } {
  if (isParticipant(team, actor.id)) return { team, outcome: { type: 'already_participant' }, events: [] };
  const thread = currentThread(team);
  if (thread && team.participants.length > 0) {
    const canRequestJoin = actor.enabled && team.participants.some((p) => p.subOrgId === actor.subOrgId);
    return {
      team,
      outcome: { type: 'occupied', participants: team.participants, canRequestJoin },
      events: [],
    };
  }
  if (thread) {
    return {
      team: join(team, thread.id, actor, now),
      outcome: { type: 'claimed' },
      events: [{ type: 'claimed', actor: person(actor) }],
    };
  }
  return {
    team: startThread(team, newThreadId, actor, now),
    outcome: { type: 'started' },
    events: [{ type: 'started', actor: person(actor) }],
  };
}
