// Container: the whole panel — signed-out and disabled states, the lists when no contact is shown,
// History or Unassigned on request, otherwise the conversation; and the one live announcer.
import type { Panel } from '../../models/panel/panel';
import { ConversationView } from './ConversationView';
import { Announcer, ErrorAlert } from './Feedback';
import { HistoryList, UnassignedList } from './Lists';

function ListsView({ panel }: { panel: Panel }) {
  const { surface, lists } = panel;
  const view = surface.view.value;
  const back = surface.target.value ? (
    <button type="button" class="link" onClick={surface.backToConversation}>
      Back to the conversation
    </button>
  ) : null;
  return (
    <main class="panel">
      <header class="panel-header">
        <div class="who">
          <h1>Greenline</h1>
          {back}
        </div>
        <button type="button" class="secondary" onClick={() => void lists.loadAll()}>
          Refresh lists
        </button>
      </header>
      {view !== 'history' && (
        <UnassignedList
          items={lists.unassigned.value}
          error={lists.unassignedError.value}
          claimError={lists.claimError.value}
          claiming={lists.claiming.value}
          onClaim={(u) => void lists.claim(u)}
        />
      )}
      {view !== 'unassigned' && (
        <HistoryList threads={lists.history.value} error={lists.historyError.value} onOpen={lists.open} />
      )}
    </main>
  );
}

export function PanelApp({ panel, onOpenOptions }: { panel: Panel; onOpenOptions: () => void }) {
  const session = panel.session.value;
  const announcer = <Announcer text={panel.conversation.announcement.value} />;
  if (!session) {
    return (
      <main class="panel">
        <h1>Greenline</h1>
        {panel.sessionError.value ? (
          <ErrorAlert message={panel.sessionError.value} />
        ) : (
          <p role="status">Loading…</p>
        )}
      </main>
    );
  }
  if (!session.signedIn || !session.enabled) {
    return (
      <main class="panel">
        <h1>Greenline</h1>
        <p>
          {session.signedIn
            ? session.disabledReason
            : 'Sign in to Greenline to message your contacts on WhatsApp.'}
        </p>
        <button type="button" class="primary" onClick={onOpenOptions}>
          Open Greenline options
        </button>
      </main>
    );
  }
  return (
    <>
      {panel.surface.view.value === 'conversation' ? (
        <ConversationView panel={panel} />
      ) : (
        <ListsView panel={panel} />
      )}
      {announcer}
    </>
  );
}
