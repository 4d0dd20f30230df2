// B13–B16, B22: teamwork requests from the details menu and their effect on the panel.
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../extension/api/transport';
import { createTeamModel } from '../../../extension/models/panel/team';
import { BOB, CAROL, ME, state, thread } from './fixtures';
import { loadedConversation } from './helpers';

async function setup(s = state({ participants: [ME, BOB] })) {
  const env = await loadedConversation(s);
  const team = createTeamModel({ api: env.api, conversation: env.conversation, myId: () => ME.userId });
  return { ...env, team };
}
const envelope = (over = {}) => ({ conversation: state(over) });

describe('teamwork', () => {
  it('B13: Add user lists only eligible colleagues and adds the one picked', async () => {
    const { api, team, conversation } = await setup(state());
    api.eligibleUsers.mockResolvedValue({ users: [BOB] });
    await team.openAdd();
    expect(team.dialog.value).toEqual({ type: 'add' });
    expect(team.eligible.value).toEqual([BOB]);
    api.addParticipant.mockResolvedValue(envelope({ participants: [ME, BOB] }));
    api.eligibleUsers.mockResolvedValue({ users: [CAROL] });
    await team.add(BOB.userId);
    expect(api.addParticipant).toHaveBeenCalledWith('conv-1', BOB.userId);
    expect(conversation.state.value?.participants).toEqual([ME, BOB]);
    // The list stays open for more, without the one just added.
    expect(team.dialog.value).toEqual({ type: 'add' });
    expect(team.added.value).toBe('Bob Stone');
    expect(team.eligible.value).toEqual([CAROL]);
  });

  it('B15: Remove asks for a confirmation naming the person, then removes', async () => {
    const { api, team } = await setup();
    expect(team.others.value).toEqual([BOB]);
    team.openRemove();
    team.chooseToRemove(BOB);
    expect(team.dialog.value).toEqual({ type: 'confirm_remove', person: BOB });
    expect(api.removeParticipant).not.toHaveBeenCalled();
    api.removeParticipant.mockResolvedValue(envelope());
    await team.remove(BOB.userId);
    expect(api.removeParticipant).toHaveBeenCalledWith('conv-1', BOB.userId);
  });

  it('B14: Leave keeps the thread read-only up to now', async () => {
    const { api, team, conversation } = await setup();
    team.openLeave();
    api.leave.mockResolvedValue(envelope({ participants: [BOB], youAreParticipant: false }));
    api.thread.mockResolvedValue(
      thread({ readOnly: true, items: [{ type: 'system', at: 1, text: 'You left the conversation' }] }),
    );
    await team.leave();
    expect(api.thread).toHaveBeenLastCalledWith('conv-1', 'th-1');
    expect(conversation.mode.value).toBe('occupied');
    expect(conversation.viewingEarlier.value).toBe(true);
    expect(conversation.thread.value?.items[0]).toMatchObject({ text: 'You left the conversation' });
  });

  it('B16: Transfer hands over to the colleague picked', async () => {
    const { api, team, conversation } = await setup(state());
    api.eligibleUsers.mockResolvedValue({ users: [BOB] });
    await team.openTransfer();
    api.transfer.mockResolvedValue(envelope({ participants: [BOB], youAreParticipant: false }));
    api.thread.mockResolvedValue(thread({ readOnly: true }));
    await team.transfer(BOB.userId);
    expect(api.transfer).toHaveBeenCalledWith('conv-1', BOB.userId);
    expect(conversation.state.value?.youAreParticipant).toBe(false);
  });

  it('B22: ask to join, then a participant accepts', async () => {
    const occupied = state({ participants: [BOB], youAreParticipant: false });
    const { api, team } = await setup(occupied);
    expect(team.role.value).toBe('can_ask');
    api.requestJoin.mockResolvedValue({ conversation: { ...occupied, joinRequests: [ME] } });
    await team.requestJoin();
    expect(team.role.value).toBe('requested');
  });

  it('B22: a participant answers a join request', async () => {
    const { api, team } = await setup(state({ joinRequests: [CAROL] }));
    api.answerJoin.mockResolvedValue(envelope({ participants: [ME, CAROL] }));
    await team.answerJoin(CAROL.userId, true);
    expect(api.answerJoin).toHaveBeenCalledWith('conv-1', CAROL.userId, true);
  });

  it('shows the API’s refusal and keeps the dialog open', async () => {
    const { api, team } = await setup();
    team.openRemove();
    team.chooseToRemove(BOB);
    api.removeParticipant.mockRejectedValue(
      new ApiFailure(403, 'not_participant', 'You are not in this conversation.'),
    );
    expect(await team.remove(BOB.userId)).toBe(false);
    expect(team.error.value).toBe('You are not in this conversation.');
    expect(team.dialog.value).toEqual({ type: 'confirm_remove', person: BOB });
  });
});
