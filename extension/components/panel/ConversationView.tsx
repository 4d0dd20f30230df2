// Container: one contact's conversation — header with the details menu, the prompt of the panel's
// state (opt-in, occupied, start, claim), join requests, dialogs, the thread and the composer.
import { sendsToShow } from '../../models/panel/composer';
import { addressLine } from '../../models/panel/identity';
import type { Panel } from '../../models/panel/panel';
import { consentLabel, optInAvailability, windowStatus } from '../../models/panel/status';
import { detailsItems, type DetailsAction } from '../../models/panel/team-rules';
import { ComposerArea } from './ComposerArea';
import { DetailsMenu } from './DetailsMenu';
import { ErrorAlert } from './Feedback';
import { Header } from './Header';
import { LinkOffer } from './LinkOffer';
import { OptInBanner, OptInQuestion, SmsLink, SmsQuestion } from './OptInPrompt';
import { TeamDialogs } from './TeamDialogs';
import { JoinRequests, OccupiedNotice, StartPrompt } from './Teamwork';
import { Thread } from './Thread';

function Prompt({ panel }: { panel: Panel }) {
  const { conversation, optIn, team } = panel;
  const s = conversation.current.value;
  const mode = conversation.mode.value;
  if (!s || !mode) return null;
  const name = conversation.name.value;
  const availability = optInAvailability(s, conversation.serverNow.value);
  if (optIn.smsQuestion.value) return <SmsQuestion name={name} onAnswer={optIn.answerSms} />;
  if (optIn.questionOpen.value && mode !== 'occupied') {
    return (
      <OptInQuestion
        name={name}
        availability={availability}
        sending={optIn.sending.value}
        onConfirm={() => void optIn.confirm()}
        onCancel={optIn.cancel}
      />
    );
  }
  const banner = (
    <OptInBanner
      name={name}
      consent={s.consent}
      availability={availability}
      sending={optIn.sending.value}
      onAsk={optIn.ask}
    />
  );
  switch (mode) {
    case 'occupied':
      return (
        <OccupiedNotice
          name={name}
          participants={s.participants}
          role={team.role.value ?? 'can_ask'}
          busy={team.busy.value}
          onAskToJoin={() => void team.requestJoin()}
        />
      );
    case 'claim':
    case 'start':
      return (
        <StartPrompt
          name={name}
          claim={mode === 'claim'}
          restart={conversation.thread.value !== null}
          onStart={() => void conversation.start()}
        />
      );
    case 'opt_in':
    case 'conversation':
      return banner;
  }
}

export function ConversationView({ panel }: { panel: Panel }) {
  const { conversation, optIn, composer, team, surface, pictureCache, session } = panel;
  const state = conversation.current.value;
  const contact = conversation.contact.value;
  const thread = conversation.thread.value;
  const at = conversation.serverNow.value;
  const myId = session.value?.user?.id ?? null;

  const onAction = (action: DetailsAction) => {
    const actions: Record<DetailsAction, () => void> = {
      add: () => void team.openAdd(),
      remove: team.openRemove,
      transfer: () => void team.openTransfer(),
      leave: team.openLeave,
      restart: () => (conversation.mode.value === 'opt_in' ? optIn.ask() : void conversation.start()),
      history: () => surface.showList('history'),
      unassigned: () => surface.showList('unassigned'),
    };
    actions[action]();
  };

  const outbox = sendsToShow(
    composer.outbox.value.filter((p) => p.conversationId === state?.conversationId),
    thread?.items ?? [],
    myId,
  );
  const earlier = conversation.viewingEarlier.value;
  return (
    <main class="panel">
      <Header
        name={contact?.name ?? (conversation.loading.value ? 'Loading…' : 'Conversation')}
        phone={contact ? addressLine(contact) : null}
        consentLabel={state ? consentLabel(state.consent) : null}
        window={state ? windowStatus(state, at) : null}
      >
        <DetailsMenu items={detailsItems(state, team.role.value)} onAction={onAction} />
      </Header>
      {conversation.loading.value && <p role="status">Loading the conversation…</p>}
      <ErrorAlert message={conversation.loadError.value} />
      <ErrorAlert message={conversation.actionError.value} />
      <ErrorAlert message={team.dialog.value ? null : team.error.value} />
      <ErrorAlert message={optIn.refusal.value} />
      {conversation.notice.value && (
        <p class="card notice" role="status">
          {conversation.notice.value}
        </p>
      )}
      {optIn.smsOffered.value && contact && <SmsLink href={optIn.smsOffered.value} phone={contact.phone} />}
      <Prompt panel={panel} />
      {panel.link.isOfferable.value && (
        <LinkOffer
          recordName={conversation.name.value}
          candidates={panel.link.candidates.value ?? []}
          open={panel.link.open.value}
          chosen={panel.link.chosen.value}
          busy={panel.link.busy.value}
          error={panel.link.error.value}
          onOpen={panel.link.show}
          onChoose={panel.link.choose}
          onLink={() => void panel.link.link()}
          onCancel={panel.link.cancel}
        />
      )}
      {state?.youAreParticipant && (
        <JoinRequests
          requests={state.joinRequests}
          busy={team.busy.value}
          onAnswer={(id, yes) => void team.answerJoin(id, yes)}
        />
      )}
      <TeamDialogs
        dialog={team.dialog.value}
        contactName={conversation.name.value}
        eligible={team.eligible.value}
        added={team.added.value}
        others={team.others.value}
        busy={team.busy.value}
        error={team.error.value}
        onAdd={(id) => void team.add(id)}
        onTransfer={(id) => void team.transfer(id)}
        onChooseToRemove={team.chooseToRemove}
        onRemove={(id) => void team.remove(id)}
        onLeave={() => void team.leave()}
        onClose={team.close}
      />
      {(thread || outbox.length > 0) && (
        <Thread
          items={thread?.items ?? []}
          outbox={outbox}
          readOnly={earlier}
          onShowCurrent={
            earlier && state?.youAreParticipant ? () => void conversation.loadThread(null) : undefined
          }
          ctx={{
            myId,
            names: new Map((state?.participants ?? []).map((p) => [p.userId, p.name])),
            contactName: conversation.name.value,
            pictures: pictureCache.pictures.value,
            onRequestPicture: pictureCache.request,
          }}
          onRetry={(id) => void composer.retry(id)}
          onEdit={composer.edit}
          onDiscard={composer.discard}
        />
      )}
      {state?.youAreParticipant && <ComposerArea panel={panel} />}
    </main>
  );
}
