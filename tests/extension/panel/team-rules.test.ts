// The panel's state and the details menu for each teamwork role (B13–B17, B22).
import { describe, expect, it } from 'vitest';
import { panelMode } from '../../../extension/models/panel/panel-mode';
import { detailsItems, teamRole } from '../../../extension/models/panel/team-rules';
import { BOB, CAROL, ME, state } from './fixtures';

const participant = state({ participants: [ME, BOB] });
const alone = state({ participants: [ME] });
const sameSubOrg = state({ participants: [BOB], youAreParticipant: false });
const otherSubOrg = state({ participants: [CAROL], youAreParticipant: false });
const requested = state({ participants: [BOB], youAreParticipant: false, joinRequests: [ME] });
const nobody = state({ participants: [], youAreParticipant: false, threadId: null });
const waiting = state({ participants: [], youAreParticipant: false, threadId: 'th-2', consent: 'none' });

describe('B22: which panel state', () => {
  it.each`
    name                  | s                                                   | mode
    ${'participant'}      | ${participant}                                      | ${'conversation'}
    ${'others in it'}     | ${sameSubOrg}                                       | ${'occupied'}
    ${'customer waiting'} | ${waiting}                                          | ${'claim'}
    ${'no consent'}       | ${state({ ...nobody, consent: 'none' })}            | ${'opt_in'}
    ${'not on WhatsApp'}  | ${state({ ...nobody, consent: 'not_on_whatsapp' })} | ${'opt_in'}
    ${'ended, opted in'}  | ${nobody}                                           | ${'start'}
    ${'ended, opted out'} | ${state({ ...nobody, consent: 'opted_out' })}       | ${'start'}
    ${'ended, pending'}   | ${state({ ...nobody, consent: 'pending' })}         | ${'start'}
  `('$name → $mode', ({ s, mode }) => {
    expect(panelMode(s)).toBe(mode);
  });
});

describe('B13–B17, B22: roles and the details menu', () => {
  it.each`
    name                                | s              | canJoin  | role
    ${'participant'}                    | ${participant} | ${null}  | ${'participant'}
    ${'non-participant, same sub-org'}  | ${sameSubOrg}  | ${true}  | ${'can_ask'}
    ${'non-participant, other sub-org'} | ${otherSubOrg} | ${false} | ${'cannot_join'}
    ${'asked to join'}                  | ${requested}   | ${true}  | ${'requested'}
    ${'removed (others still in it)'}   | ${sameSubOrg}  | ${false} | ${'cannot_join'}
    ${'nobody in it'}                   | ${nobody}      | ${null}  | ${'nobody'}
  `('$name is $role', ({ s, canJoin, role }) => {
    expect(teamRole(s, ME.userId, canJoin)).toBe(role);
  });

  const enabled = (s: typeof participant, canJoin: boolean | null) =>
    Object.fromEntries(detailsItems(s, teamRole(s, ME.userId, canJoin)).map((i) => [i.label, i.enabled]));

  it('a participant with colleagues can add, remove, transfer and leave, not restart', () => {
    expect(enabled(participant, null)).toEqual({
      'Add user': true,
      'Remove participant': true,
      Transfer: true,
      'Leave conversation': true,
      'Restart conversation': false,
      History: true,
      Unassigned: true,
    });
  });

  it('alone, nobody to remove, and the reason says so', () => {
    const remove = detailsItems(alone, 'participant').find((i) => i.action === 'remove');
    expect(remove).toMatchObject({ enabled: false, reason: 'Nobody else is in the conversation.' });
  });

  it.each([
    ['same sub-org', sameSubOrg, true],
    ['other sub-org', otherSubOrg, false],
  ] as const)('a non-participant (%s) gets reasons, not actions', (_name, s, canJoin) => {
    const items = detailsItems(s, teamRole(s, ME.userId, canJoin));
    expect(items.find((i) => i.action === 'add')).toMatchObject({
      enabled: false,
      reason: 'You are not in this conversation.',
    });
    expect(items.find((i) => i.action === 'restart')?.reason).toBe(
      'Colleagues are in this conversation: ask to join instead.',
    );
  });

  it('B17: restart once nobody is in it', () => {
    expect(enabled(nobody, null)).toMatchObject({ 'Restart conversation': true, 'Add user': false });
  });
});
