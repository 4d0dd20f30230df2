// Typed runtime messages between the content scripts, the extension pages and the background
// (@webext-core/messaging). Only types here, so a content script importing this pulls no schema
// library; the background validates every message it receives with messaging/schemas.ts.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { LiveFrame } from '../../shared/api/live';
import type { ApiRequest, ApiResponse } from '../api/transport';
import type { CrmRecord } from '../crm/types';

/** Who is signed in, and whether WhatsApp is usable for them (B18). */
export interface SessionStatus {
  signedIn: boolean;
  serverUrl: string;
  user: { id: string; name: string; email: string; role: 'admin' | 'agent' } | null;
  org: { id: string; name: string } | null;
  /** Both the org and the user enabled: only then is the green action shown. */
  enabled: boolean;
  /** Why not, in words, when signed in but not enabled. */
  disabledReason: string | null;
}

/** The dot and the short label of the green action: consent and window at a glance. */
export interface Glance {
  tone: 'ready' | 'waiting' | 'blocked' | 'new';
  label: string;
}

/** One number of a record, as the background normalised it and what Greenline knows of it. */
export interface PhoneGlance {
  raw: string;
  label: string | null;
  /** E.164, or null when the number cannot be normalised (then `problem` says why). */
  e164: string | null;
  problem: string | null;
  contactId: string | null;
  glance: Glance | null;
}

export type RecordInput = Omit<CrmRecord, 'phones'>;

export type OpenResult =
  | { ok: true; contactId: string; surface: 'side_panel' | 'window' }
  | { ok: false; message: string };

/** What the conversation panel shows: a contact, and for a notification or history, which conversation. */
export interface PanelTarget {
  contactId: string;
  conversationId: string | null;
  threadId: string | null;
}

export type SignInResult = { ok: true; status: SessionStatus } | { ok: false; message: string };

export interface ProtocolMap {
  // content script → background
  getStatus(): SessionStatus;
  glance(data: { phones: { raw: string; label: string | null }[] }): PhoneGlance[];
  openConversation(data: { record: RecordInput; phone: string }): OpenResult;
  // extension pages → background
  api(data: ApiRequest): ApiResponse;
  signIn(data: { serverUrl: string; email: string; password: string }): SignInResult;
  acceptInvitation(data: { serverUrl: string; token: string; name: string; password: string }): SignInResult;
  signOut(): SessionStatus;
  getPanelTarget(data: { tabId: number | null }): PanelTarget | null;
  showConversation(data: { tabId: number | null; target: PanelTarget }): void;
  markSeen(data: { conversationId: string }): void;
  // background → content scripts and extension pages
  statusChanged(data: SessionStatus): void;
  liveFrame(data: PageFrame): void;
  panelTargetChanged(data: { tabId: number | null; target: PanelTarget }): void;
  glanceChanged(data: { contactId: string | null }): void;
}

/**
 * What pages hear from the live socket: the server's frames, and `live_resumed` when the socket is
 * open again after a drop (a deploy, a network change), so a page reloads what frames would have told it.
 */
export type PageFrame = LiveFrame | { type: 'live_resumed' };

export const messaging = defineExtensionMessaging<ProtocolMap>();
export const { sendMessage, onMessage } = messaging;
