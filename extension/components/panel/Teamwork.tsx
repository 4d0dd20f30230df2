// Teamwork in the conversation (B13–B17, B22): who is in someone else's conversation and asking to
// join, starting / restarting / taking a conversation, and answering colleagues' join requests.
import type { Person } from '../../models/panel/team';
import type { TeamRole } from '../../models/panel/team-rules';

const names = (people: readonly Person[]) => people.map((p) => p.name).join(', ');

export function OccupiedNotice(props: {
  name: string;
  participants: readonly Person[];
  role: TeamRole;
  busy: boolean;
  onAskToJoin: () => void;
}) {
  const { name, participants, role, busy, onAskToJoin } = props;
  return (
    <section class="card" aria-label="Who is in this conversation">
      <p>
        {names(participants)} {participants.length === 1 ? 'is' : 'are'} in the conversation with {name}.
      </p>
      {role === 'can_ask' && (
        <button type="button" class="primary" disabled={busy} onClick={onAskToJoin}>
          Ask to join
        </button>
      )}
      {role === 'requested' && <p role="status">You asked to join. A participant will answer.</p>}
      {role === 'cannot_join' && (
        <p class="reason">
          You cannot join: only colleagues of the same team as a participant can ask to join.
        </p>
      )}
    </section>
  );
}

/** B17 (start or restart once nobody is in it) and B22 (take a conversation the customer started). */
export function StartPrompt(props: { name: string; claim: boolean; restart: boolean; onStart: () => void }) {
  const { name, claim, restart, onStart } = props;
  const text = claim
    ? `${name} wrote and nobody has answered yet.`
    : restart
      ? `Nobody is in the conversation with ${name} now.`
      : `Start a WhatsApp conversation with ${name}.`;
  const label = claim ? 'Take the conversation' : restart ? 'Restart conversation' : 'Start conversation';
  return (
    <section class="card" aria-label="Start">
      <p>{text}</p>
      <button type="button" class="primary" onClick={onStart}>
        {label}
      </button>
    </section>
  );
}

export function JoinRequests(props: {
  requests: readonly Person[];
  busy: boolean;
  onAnswer: (userId: string, accept: boolean) => void;
}) {
  const { requests, busy, onAnswer } = props;
  if (requests.length === 0) return null;
  return (
    <section class="card" aria-label="Join requests">
      <ul class="plain">
        {requests.map((r) => (
          <li key={r.userId}>
            <p>{r.name} asks to join the conversation.</p>
            <div class="actions">
              <button
                type="button"
                class="primary"
                disabled={busy}
                aria-label={`Accept ${r.name}`}
                onClick={() => onAnswer(r.userId, true)}
              >
                Accept
              </button>
              <button
                type="button"
                class="secondary"
                disabled={busy}
                aria-label={`Decline ${r.name}`}
                onClick={() => onAnswer(r.userId, false)}
              >
                Decline
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
