// Teamwork actions (B13–B16, B22): add an eligible colleague, remove one (after a confirmation that
// names them), leave, transfer, ask to join and answer join requests. Each answer carries the new
// state; the system lines arrive in the thread as live items.
import { computed, signal } from '@preact/signals';
import type { ConversationModel } from './conversation';
import { messageOf } from './conversation';
import type { PanelApi } from './ports';
import { teamRole } from './team-rules';

export interface Person {
  userId: string;
  name: string;
}

export type TeamDialog =
  | { type: 'add' }
  | { type: 'transfer' }
  | { type: 'remove' }
  | { type: 'confirm_remove'; person: Person }
  | { type: 'confirm_leave' };

export interface TeamDeps {
  api: Pick<
    PanelApi,
    | 'eligibleUsers'
    | 'addParticipant'
    | 'removeParticipant'
    | 'leave'
    | 'transfer'
    | 'requestJoin'
    | 'answerJoin'
  >;
  conversation: ConversationModel;
  myId: () => string | null;
}

type Envelope = { conversation: Parameters<ConversationModel['applyState']>[0] };

export function createTeamModel({ api, conversation, myId }: TeamDeps) {
  const dialog = signal<TeamDialog | null>(null);
  const eligible = signal<Person[] | null>(null);
  const busy = signal(false);
  const error = signal<string | null>(null);
  /** The colleague just added, said in the still-open Add dialog. */
  const added = signal<string | null>(null);

  const role = computed(() => {
    const s = conversation.current.value;
    return s ? teamRole(s, myId(), conversation.canRequestJoin.value) : null;
  });
  const others = computed(() =>
    (conversation.current.value?.participants ?? []).filter((p) => p.userId !== myId()),
  );

  async function run(
    call: (conversationId: string) => Promise<Envelope>,
    after?: () => Promise<void>,
  ): Promise<boolean> {
    const id = conversation.state.value?.conversationId;
    if (!id || busy.value) return false;
    busy.value = true;
    error.value = null;
    try {
      const res = await call(id);
      conversation.applyState(res.conversation);
      dialog.value = null;
      if (after) await after();
      return true;
    } catch (e) {
      error.value = messageOf(e);
      return false;
    } finally {
      busy.value = false;
    }
  }

  async function openPicker(type: 'add' | 'transfer'): Promise<void> {
    const id = conversation.state.value?.conversationId;
    dialog.value = { type };
    eligible.value = null;
    error.value = null;
    if (!id) return;
    try {
      eligible.value = (await api.eligibleUsers(id)).users;
    } catch (e) {
      error.value = messageOf(e);
    }
  }

  // After leaving or handing over, the thread is kept read-only up to now (B14): fetch it again.
  const reloadThread = () => conversation.loadThread(conversation.thread.value?.threadId ?? null);

  return {
    dialog,
    eligible,
    added,
    busy,
    error,
    role,
    others,
    openAdd() {
      added.value = null;
      return openPicker('add');
    },
    openTransfer: () => openPicker('transfer'),
    openRemove() {
      error.value = null;
      dialog.value = { type: 'remove' };
    },
    chooseToRemove(person: Person) {
      dialog.value = { type: 'confirm_remove', person };
    },
    openLeave() {
      error.value = null;
      dialog.value = { type: 'confirm_leave' };
    },
    close() {
      dialog.value = null;
      error.value = null;
      added.value = null;
    },
    /** B13: adds one colleague; the list stays open for more (seed: "select participants"). */
    async add(userId: string): Promise<boolean> {
      const name = eligible.value?.find((p) => p.userId === userId)?.name ?? null;
      const done = await run((id) => api.addParticipant(id, userId));
      if (done) {
        added.value = name;
        await openPicker('add');
      }
      return done;
    },
    remove: (userId: string) => run((id) => api.removeParticipant(id, userId)),
    leave: () => run((id) => api.leave(id), reloadThread),
    transfer: (userId: string) => run((id) => api.transfer(id, userId), reloadThread),
    requestJoin: () => run((id) => api.requestJoin(id)),
    answerJoin: (userId: string, accept: boolean) => run((id) => api.answerJoin(id, userId, accept)),
  };
}

export type TeamModel = ReturnType<typeof createTeamModel>;
