// Fakes for the options page tests: an API answering from a table of routes (and recording every
// request), a session port, permissions, preferences in memory and a file sink, plus demo answers.
import type { LiveFrame } from '../../../shared/api/live';
import { vi } from 'vitest';
import { adminApi } from '../../../extension/api/admin';
import { agentApi } from '../../../extension/api/agent';
import type { ApiRequest, ApiResponse, Transport } from '../../../extension/api/transport';
import type { SessionStatus, SignInResult } from '../../../extension/messaging/protocol';
import type { OptionsPorts, Preferences } from '../../../extension/models/options/ports';
import type { AdminUser, OrgResponse } from '../../../shared/api/admin';
import type { MeResponse } from '../../../shared/api/auth';

export const DEFAULT_SERVER = 'http://127.0.0.1:8787';

type Answer = { status: number; value: unknown } | { status: number; text: string };
export type Route = (request: ApiRequest) => Answer | Promise<Answer>;
export type Routes = Record<string, Route>;

export const ok =
  (value: unknown): Route =>
  () => ({ status: 200, value });
export const refuse =
  (status: number, code: string, message: string): Route =>
  () => ({ status, value: { error: { code, message } } });

export function fakeApi(routes: Routes) {
  const seen: ApiRequest[] = [];
  const transport: Transport = async (request) => {
    seen.push(request);
    const route = routes[`${request.method} ${request.path}`];
    const answer: Answer = route
      ? await route(request)
      : { status: 404, value: { error: { code: 'not_found', message: `No route ${request.path}` } } };
    const response: ApiResponse =
      'text' in answer
        ? { status: answer.status, body: { kind: 'text', value: answer.text, contentType: 'text/csv' } }
        : { status: answer.status, body: { kind: 'json', value: answer.value } };
    return response;
  };
  const sent = (method: string, path: string) => seen.filter((r) => r.method === method && r.path === path);
  return { transport, seen, sent, routes };
}

export const SIGNED_OUT: SessionStatus = {
  signedIn: false,
  serverUrl: DEFAULT_SERVER,
  user: null,
  org: null,
  enabled: false,
  disabledReason: null,
};

export function statusOf(user: { id: string; name: string; email: string; role: 'admin' | 'agent' }) {
  return {
    signedIn: true,
    serverUrl: DEFAULT_SERVER,
    user,
    org: { id: 'acme', name: 'Acme Realty' },
    enabled: true,
    disabledReason: null,
  } satisfies SessionStatus;
}

export const ALICE = {
  id: 'alice',
  name: 'Alice Romero',
  email: 'alice@acme.example',
  role: 'admin',
} as const;
export const CARLA = { id: 'carla', name: 'Carla Diaz', email: 'carla@acme.example', role: 'agent' } as const;

export function meOf(
  user: { id: string; name: string; email: string; role: 'admin' | 'agent' },
  whatsapp = { orgEnabled: true, userEnabled: true },
): MeResponse {
  return {
    user: { ...user, subOrgId: 'sales', subOrgName: 'Sales', whatsappEnabled: whatsapp.userEnabled },
    org: { id: 'acme', name: 'Acme Realty', whatsappEnabled: whatsapp.orgEnabled },
    whatsapp: { ...whatsapp, enabled: whatsapp.orgEnabled && whatsapp.userEnabled },
    serverNow: 1_800_000_000_000,
  };
}

export const DEFAULT_KEYWORDS = {
  optIn: ['START'],
  optOut: ['STOP', 'PARAR'],
  yes: ['Yes', 'Sí'],
  no: ['No'],
};

export function orgOf(settings: Partial<OrgResponse['settings']> = {}): OrgResponse {
  return {
    id: 'acme',
    name: 'Acme Realty',
    whatsappEnabled: true,
    settings: {
      keywords: null,
      singleParticipantPrefix: false,
      retentionDays: 365,
      optInTemplate: null,
      ...settings,
    },
    defaultKeywords: DEFAULT_KEYWORDS,
  };
}

export function userOf(id: string, name: string, extra: Partial<AdminUser> = {}): AdminUser {
  return {
    id,
    name,
    email: `${id}@acme.example`,
    role: 'agent',
    subOrgId: 'sales',
    whatsappEnabled: true,
    disabled: false,
    createdAt: 1_700_000_000_000,
    ...extra,
  };
}

export const BOB = userOf('bob', 'Bob Keller');

/** Every admin read answered with the demo org, so a page for Alice renders all its sections. */
export function adminRoutes(extra: Routes = {}): Routes {
  return {
    'GET /me': ok(meOf(ALICE)),
    'GET /admin/org': ok(orgOf()),
    'GET /admin/users': ok({ users: [userOf('alice', 'Alice Romero', { role: 'admin' }), BOB] }),
    'GET /admin/invitations': ok({ invitations: [] }),
    'GET /admin/sub-orgs': ok({
      subOrgs: [
        { id: 'sales', name: 'Sales', userCount: 2 },
        { id: 'support', name: 'Support', userCount: 0 },
      ],
    }),
    'GET /admin/number': ok({
      id: 'n1',
      phoneNumberId: '1234567890',
      displayPhoneNumber: '+1 555 0100',
      wabaId: '9876543210',
      hasAccessToken: true,
      paused: false,
      pausedReason: null,
      updatedAt: 1_700_000_000_000,
    }),
    'GET /admin/templates': ok({ templates: [] }),
    'GET /admin/dead-letters': ok({ deadLetters: [] }),
    ...extra,
  };
}

export interface FakeSession {
  status: SessionStatus;
  signInResult: SignInResult;
  listeners: ((s: SessionStatus) => void)[];
  /** Sends a live frame to the page, as the background does. */
  frameListeners: ((frame: LiveFrame) => void)[];
}

export function fakePorts(routes: Routes, start: SessionStatus = SIGNED_OUT) {
  const api = fakeApi(routes);
  const session: FakeSession = {
    status: start,
    signInResult: { ok: false, message: 'unset' },
    listeners: [],
    frameListeners: [],
  };
  const stored: Preferences = {
    serverUrl: DEFAULT_SERVER,
    defaultCountry: 'US',
    panelSurface: 'side_panel',
    genericPages: false,
  };
  const downloads: { fileName: string; text: string; contentType: string }[] = [];
  const messaging = {
    getStatus: vi.fn(async () => session.status),
    signIn: vi.fn(async (_input: { serverUrl: string; email: string; password: string }) => {
      const result = session.signInResult;
      if (result.ok) session.status = result.status;
      return result;
    }),
    acceptInvitation: vi.fn(
      async (_input: { serverUrl: string; token: string; name: string; password: string }) =>
        session.signInResult,
    ),
    signOut: vi.fn(async () => {
      session.status = SIGNED_OUT;
      return SIGNED_OUT;
    }),
    onStatusChanged: (listener: (s: SessionStatus) => void) => {
      session.listeners.push(listener);
      return () => undefined;
    },
    onLiveFrame: (listener: (frame: LiveFrame) => void) => {
      session.frameListeners.push(listener);
      return () => {
        session.frameListeners = session.frameListeners.filter((l) => l !== listener);
      };
    },
  };
  const permissions = {
    request: vi.fn(async (_origins: string[]) => true),
    remove: vi.fn(async (_origins: string[]) => true),
    contains: vi.fn(async (_origins: string[]) => true),
  };
  const ports: OptionsPorts = {
    admin: adminApi(api.transport),
    agent: agentApi(api.transport),
    messaging,
    permissions,
    preferences: {
      get: async (key) => stored[key],
      set: async (key, value) => {
        stored[key] = value;
      },
    },
    files: {
      download: (fileName, text, contentType) => downloads.push({ fileName, text, contentType }),
      copy: vi.fn(async (_text: string) => undefined),
    },
    defaultServer: DEFAULT_SERVER,
  };
  return { ports, api, session, messaging, permissions, stored, downloads };
}
