// What the options page needs from the outside world, as injected ports: the API (through the
// background, which holds the session), the session messages, permissions, local preferences and
// files. Models depend on these types only, so tests hand in fakes and no model touches `browser.*`.
import type { AdminApi } from '../../api/admin';
import type { AgentApi } from '../../api/agent';
import type { PageFrame, SessionStatus, SignInResult } from '../../messaging/protocol';

export interface SignInInput {
  serverUrl: string;
  email: string;
  password: string;
}

export interface AcceptInvitationInput {
  serverUrl: string;
  token: string;
  name: string;
  password: string;
}

/** The background's session messages (messaging/protocol.ts). */
export interface SessionPort {
  getStatus(): Promise<SessionStatus>;
  signIn(input: SignInInput): Promise<SignInResult>;
  acceptInvitation(input: AcceptInvitationInput): Promise<SignInResult>;
  signOut(): Promise<SessionStatus>;
  /** Returns the function that stops listening. */
  onStatusChanged(listener: (status: SessionStatus) => void): () => void;
  /** Live frames the background received for this user (admins get number health). */
  onLiveFrame(listener: (frame: PageFrame) => void): () => void;
}

/** Optional host permissions; `request` must be called while the user's click is being handled. */
export interface PermissionsPort {
  request(origins: string[]): Promise<boolean>;
  remove(origins: string[]): Promise<boolean>;
  contains(origins: string[]): Promise<boolean>;
}

export type PanelSurface = 'side_panel' | 'window';

/** The extension's local preferences (settings.ts). */
export interface Preferences {
  serverUrl: string;
  defaultCountry: string;
  panelSurface: PanelSurface;
  genericPages: boolean;
}

export interface PreferencesPort {
  get<K extends keyof Preferences>(key: K): Promise<Preferences[K]>;
  set<K extends keyof Preferences>(key: K, value: Preferences[K]): Promise<void>;
}

export interface FilesPort {
  /** Saves text as a file in the user's downloads. */
  download(fileName: string, text: string, contentType: string): void;
  copy(text: string): Promise<void>;
}

export interface OptionsPorts {
  admin: AdminApi;
  agent: AgentApi;
  messaging: SessionPort;
  permissions: PermissionsPort;
  preferences: PreferencesPort;
  files: FilesPort;
  /** The server this build was made for: its host is already a granted host permission. */
  defaultServer: string;
}
