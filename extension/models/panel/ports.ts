// The panel's ports: everything its models need from outside (API, runtime messaging, clock, ids,
// camera, blob URLs), as small interfaces so models are tested with fakes and the entrypoint wires
// the real ones.
import type { AgentApi } from '../../api/agent';
import type { PageFrame, PanelTarget, SessionStatus } from '../../messaging/protocol';

/** The API calls the panel makes (a subset of the agent API, so fakes stay small). */
export type PanelApi = Pick<
  AgentApi,
  | 'whatsapp'
  | 'requestOptIn'
  | 'start'
  | 'send'
  | 'thread'
  | 'addParticipant'
  | 'removeParticipant'
  | 'leave'
  | 'transfer'
  | 'eligibleUsers'
  | 'requestJoin'
  | 'answerJoin'
  | 'threads'
  | 'unassigned'
  | 'templates'
  | 'uploadPicture'
  | 'picture'
  | 'contact'
  | 'linkContact'
>;

/** Runtime messages to the background (the only holder of the session). */
export interface PanelMessaging {
  getStatus(): Promise<SessionStatus>;
  getPanelTarget(tabId: number | null): Promise<PanelTarget | null>;
  showConversation(tabId: number | null, target: PanelTarget): Promise<void>;
  markSeen(conversationId: string): Promise<void>;
}

/** Live frames fanned out from the page's one `liveFrame` listener. */
export interface LiveFrames {
  subscribe(listener: (frame: PageFrame) => void): () => void;
}

export interface Clock {
  now(): number;
  /** Calls `fn` every `ms` until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
}

export type IdGenerator = () => string;

/** Object URLs for pictures (revoked when no longer shown). */
export interface BlobUrls {
  create(blob: Blob): string;
  revoke(url: string): void;
}

export type CameraPermission = 'granted' | 'denied' | 'prompt' | 'unknown';

export interface CameraPort {
  permission(): Promise<CameraPermission>;
  open(): Promise<MediaStream>;
  /** Opens this page in a tab where the browser can show the camera prompt (side panels cannot). */
  openGrantPage(): Promise<void>;
}

/** Hands a number to the system's SMS app (B2a). */
export type SmsHandOff = (href: string) => void;

export const systemClock: Clock = {
  now: () => Date.now(),
  every: (ms, fn) => {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  },
};
