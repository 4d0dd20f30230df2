// Routes runtime messages to the services, after checking who sent them and validating what they
// sent (STYLE: validate at every boundary). Content scripts may only ask for the status, glances and
// opening a conversation; the API proxy, sign-in and panel messages are for the extension's own pages.
import type { z } from 'zod';
import type { AgentApi } from '../api/agent';
import type { ApiRequest, ApiResponse } from '../api/transport';
import type {
  OpenResult,
  PanelTarget,
  PhoneGlance,
  ProtocolMap,
  SessionStatus,
  SignInResult,
} from '../messaging/protocol';
import {
  AcceptInvitationSchema,
  ApiRequestSchema,
  GlanceRequestSchema,
  MarkSeenSchema,
  OpenConversationSchema,
  ShowConversationSchema,
  SignInSchema,
  TabIdSchema,
} from '../messaging/schemas';
import { normalise } from './glance';
import type { Panels } from './panel';
import type { Session } from './session';

export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export interface RouterDeps {
  extensionId: string;
  extensionOrigin: string;
  session: Pick<Session, 'status' | 'signIn' | 'acceptInvitation' | 'signOut' | 'request'>;
  api: () => Pick<AgentApi, 'upsertContact'>;
  glance: (phones: { raw: string; label: string | null }[]) => Promise<PhoneGlance[]>;
  invalidate: (contactId: string | null) => void;
  panels: Pick<Panels, 'openNow' | 'show' | 'remember' | 'targetFor'>;
  markSeen: (conversationId: string) => Promise<void>;
  defaultCountry: () => Promise<string>;
}

type Handler<K extends keyof ProtocolMap> = (
  data: Parameters<ProtocolMap[K]>[0],
  sender: Sender,
) => ReturnType<ProtocolMap[K]> | Promise<ReturnType<ProtocolMap[K]>>;

export type Handlers = { [K in keyof ProtocolMap]?: Handler<K> };

export class RefusedMessage extends Error {}

function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new RefusedMessage(result.error.issues[0]?.message ?? 'Invalid message.');
  return result.data;
}

function badRequest(message: string): ApiResponse {
  return { status: 400, body: { kind: 'json', value: { error: { code: 'bad_message', message } } } };
}

export function createHandlers(deps: RouterDeps): Handlers {
  const fromExtension = (sender: Sender) => sender.id === deps.extensionId;
  const fromPage = (sender: Sender) =>
    fromExtension(sender) && (sender.url ?? '').startsWith(deps.extensionOrigin);
  const pageOnly = (sender: Sender) => {
    if (!fromPage(sender)) throw new RefusedMessage('Only Greenline’s own pages may ask for this.');
  };

  return {
    getStatus: (_data, sender) => {
      if (!fromExtension(sender)) throw new RefusedMessage('Unknown sender.');
      // A content script asks once per page load: read /me afresh, so a user an admin has just
      // disabled loses the action on that very load (B18), not after a cache ages.
      return deps.session.status(!fromPage(sender));
    },
    glance: (data, sender) => {
      if (!fromExtension(sender)) throw new RefusedMessage('Unknown sender.');
      return deps.glance(parse(GlanceRequestSchema, data).phones);
    },
    openConversation: (data, sender) => {
      if (!fromExtension(sender)) throw new RefusedMessage('Unknown sender.');
      const tabId = sender.tab?.id ?? null;
      // Synchronously, before any await: the click's user gesture allows opening the side panel.
      const opening = deps.panels.openNow(tabId);
      return openConversation(deps, data, tabId, opening);
    },
    api: (data, sender): Promise<ApiResponse> => {
      pageOnly(sender);
      const request = ApiRequestSchema.safeParse(data);
      if (!request.success)
        return Promise.resolve(badRequest(request.error.issues[0]?.message ?? 'Invalid request.'));
      return deps.session.request(request.data as ApiRequest);
    },
    signIn: (data, sender): Promise<SignInResult> => {
      pageOnly(sender);
      const input = SignInSchema.safeParse(data);
      if (!input.success)
        return Promise.resolve({ ok: false, message: input.error.issues[0]?.message ?? 'Check the form.' });
      deps.invalidate(null);
      return deps.session.signIn(input.data.serverUrl, input.data.email, input.data.password);
    },
    acceptInvitation: (data, sender): Promise<SignInResult> => {
      pageOnly(sender);
      const input = AcceptInvitationSchema.safeParse(data);
      if (!input.success)
        return Promise.resolve({ ok: false, message: input.error.issues[0]?.message ?? 'Check the form.' });
      const { serverUrl, token, name, password } = input.data;
      return deps.session.acceptInvitation(serverUrl, token, name, password);
    },
    signOut: (_data, sender): Promise<SessionStatus> => {
      pageOnly(sender);
      deps.invalidate(null);
      return deps.session.signOut();
    },
    getPanelTarget: (data, sender): Promise<PanelTarget | null> => {
      pageOnly(sender);
      return deps.panels.targetFor(parse(TabIdSchema, data).tabId);
    },
    showConversation: async (data, sender) => {
      pageOnly(sender);
      const { tabId, target } = parse(ShowConversationSchema, data);
      await deps.panels.remember(tabId, target);
    },
    markSeen: async (data, sender) => {
      pageOnly(sender);
      await deps.markSeen(parse(MarkSeenSchema, data).conversationId);
    },
  };
}

async function openConversation(
  deps: RouterDeps,
  data: unknown,
  tabId: number | null,
  opening: Promise<boolean>,
): Promise<OpenResult> {
  const input = OpenConversationSchema.safeParse(data);
  if (!input.success) return { ok: false, message: 'Greenline could not read this record. Reload the page.' };
  const { record, phone } = input.data;
  const status = await deps.session.status();
  if (!status.signedIn)
    return { ok: false, message: 'Sign in to Greenline first, in the extension options.' };
  if (!status.enabled) return { ok: false, message: status.disabledReason ?? 'WhatsApp is not enabled.' };
  const number = normalise(phone, await deps.defaultCountry());
  if (number.problem !== null) return { ok: false, message: number.problem };
  try {
    const name = record.name.trim();
    const contact = await deps.api().upsertContact({
      // A page that names nobody (any web page) leaves the name Greenline has as it is.
      ...(name ? { name } : {}),
      phone: number.e164,
      crm: { system: record.crm, recordId: record.recordId, url: record.url },
    });
    deps.invalidate(contact.id);
    const target = { contactId: contact.id, conversationId: null, threadId: null };
    const surface = await deps.panels.show(tabId, target, await opening);
    return { ok: true, contactId: contact.id, surface };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : 'The conversation could not be opened.' };
  }
}
