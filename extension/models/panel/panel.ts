// The panel's models wired together: one place that says what follows what (a new target loads the
// conversation and resets the drafts; the session names the user for templates and announcements).
import { effect, signal, untracked } from '@preact/signals';
import type { SessionStatus } from '../../messaging/protocol';
import { createCameraModel } from './camera';
import { createComposerModel } from './composer';
import { createConversationModel, messageOf } from './conversation';
import { createLinkModel } from './link';
import { createListsModel } from './lists';
import { createOptInModel } from './opt-in';
import { createPictureCache } from './picture-cache';
import { createPicturesModel } from './pictures';
import type {
  BlobUrls,
  CameraPort,
  Clock,
  IdGenerator,
  LiveFrames,
  PanelApi,
  PanelMessaging,
  SmsHandOff,
} from './ports';
import { createSurfaceModel, sameTarget, type TabsPort } from './surface';
import { createTeamModel } from './team';
import { createTemplatesModel } from './templates';

/** How often a shown Unassigned list is fetched again. */
export const UNASSIGNED_POLL_MS = 30_000;

export interface PanelDeps {
  api: PanelApi;
  messaging: PanelMessaging;
  clock: Clock;
  ids: IdGenerator;
  live: LiveFrames;
  urls: BlobUrls;
  camera: CameraPort;
  smsHandOff: SmsHandOff;
  tabs: TabsPort;
  search: string;
  replaceSearch: (search: string) => void;
}

export function createPanel(deps: PanelDeps) {
  const session = signal<SessionStatus | null>(null);
  const sessionError = signal<string | null>(null);
  const myId = () => session.value?.user?.id ?? null;

  const surface = createSurfaceModel(deps);
  const conversation = createConversationModel({ ...deps, myId });
  const optIn = createOptInModel({ ...deps, conversation });
  const composer = createComposerModel({ ...deps, conversation });
  const templates = createTemplatesModel({
    ...deps,
    composer,
    conversation,
    sources: () => ({
      contactName: conversation.contact.value?.name ?? '',
      userName: session.value?.user?.name ?? '',
      orgName: session.value?.org?.name ?? '',
    }),
  });
  const pictures = createPicturesModel({ ...deps, conversation, composer });
  const pictureCache = createPictureCache(deps);
  const camera = createCameraModel({ ...deps, pictures, canPrompt: surface.kind === 'tab' });
  const team = createTeamModel({ ...deps, conversation, myId });
  const lists = createListsModel({ ...deps, show: surface.show });
  const link = createLinkModel({
    ...deps,
    conversation,
    // The survivor may be the record shown: then only the conversation is read again.
    show: (t) => (sameTarget(surface.target.value, t) ? void conversation.load(t) : surface.show(t)),
  });

  const stopFollowing = effect(() => {
    const target = surface.target.value;
    // Only the target is followed: what the resets read must not re-run this.
    untracked(() => {
      optIn.reset();
      composer.reset();
      templates.close();
      pictures.cancel();
      camera.cancel();
      team.close();
      pictureCache.clear();
      link.reset();
      if (target) void conversation.load(target);
    });
  });

  // A record with nothing written yet: could a username customer in the history be this person?
  const stopLinkOffer = effect(() => {
    if (link.isOfferable.value && untracked(() => link.candidates.value) === null) void link.load();
  });

  // The lists load when they are shown (no contact, or History / Unassigned from the details menu).
  // Unassigned is also polled while shown: only the last participants get a frame for it (B22).
  const stopLists = effect(() => {
    const view = surface.view.value;
    return untracked(() => {
      if (view === 'lists') void lists.loadAll();
      else if (view === 'history') void lists.loadHistory();
      else if (view === 'unassigned') void lists.loadUnassigned();
      if (view === 'conversation' || view === 'history') return undefined;
      return deps.clock.every(UNASSIGNED_POLL_MS, () => void lists.loadUnassigned());
    });
  });

  async function loadSession(): Promise<void> {
    try {
      session.value = await deps.messaging.getStatus();
    } catch (error) {
      sessionError.value = messageOf(error);
    }
  }

  return {
    session,
    sessionError,
    surface,
    conversation,
    optIn,
    composer,
    templates,
    pictures,
    pictureCache,
    camera,
    team,
    lists,
    link,
    async start(): Promise<void> {
      await loadSession();
      if (session.value?.signedIn && session.value.enabled) await surface.start();
    },
    setSession(status: SessionStatus): void {
      const wasReady = session.value?.signedIn && session.value.enabled;
      session.value = status;
      if (!wasReady && status.signedIn && status.enabled) void surface.start();
    },
    dispose(): void {
      stopFollowing();
      stopLists();
      stopLinkOffer();
      conversation.dispose();
      lists.dispose();
      surface.dispose();
      pictureCache.clear();
      camera.cancel();
    },
  };
}

export type Panel = ReturnType<typeof createPanel>;
