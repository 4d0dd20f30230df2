// The account section: which server, who is signed in and whether WhatsApp works for them (B18,
// B21). The session itself lives in the background; this model only asks it and listens.
import { computed, signal } from '@preact/signals';
import type { MeResponse } from '../../../shared/api/auth';
import type { SessionStatus, SignInResult } from '../../messaging/protocol';
import type { AcceptInvitationInput, OptionsPorts, SignInInput } from './ports';
import { createTask, Explained } from './task';

export type ServerCheck = { ok: true; origin: string } | { ok: false; message: string };

/** The server's origin from what the person typed, or why it is not a server address. */
export function serverOriginOf(text: string): ServerCheck {
  const message = 'The server address must start with http:// or https://';
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message };
    return { ok: true, origin: url.origin };
  } catch {
    return { ok: false, message };
  }
}

/**
 * The host permission for a server. Without its port: Firefox refuses ports in match patterns and
 * Chrome matches every port of a host without one, like the manifest's own server pattern.
 */
export function hostPatternFor(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** Only a server on another host than the build's needs the person's permission. */
export function needsHostPermission(origin: string, defaultServer: string): boolean {
  return hostPatternFor(origin) !== hostPatternFor(defaultServer);
}

export interface Access {
  orgEnabled: boolean;
  userEnabled: boolean;
  /** Why WhatsApp is off for this person, in words; null when it works. */
  reason: string | null;
}

export function describeAccess(me: MeResponse, status: SessionStatus | null): Access {
  const { orgEnabled, userEnabled, enabled } = me.whatsapp;
  if (enabled) return { orgEnabled, userEnabled, reason: null };
  const own = !orgEnabled
    ? `WhatsApp is turned off for ${me.org.name}; an admin can turn it on.`
    : 'WhatsApp is not enabled for you; ask an admin of your organisation.';
  return { orgEnabled, userEnabled, reason: status?.disabledReason ?? own };
}

export function refusedPermissionMessage(origin: string): string {
  return `Greenline needs your permission to reach ${origin}; without it, it cannot sign in there. Choose Sign in again and allow access, or use the default server.`;
}

export function createAccountModel(ports: OptionsPorts) {
  const status = signal<SessionStatus | null>(null);
  const me = signal<MeResponse | null>(null);
  const serverUrl = signal(ports.defaultServer);
  // Once the person has typed a server address, nothing read later (the saved one) replaces it.
  let serverTyped = false;
  const task = createTask();
  // Asking the background who is signed in has its own task, so it never holds up a sign-in.
  const checkTask = createTask();
  const meTask = createTask();
  const isSignedIn = computed(() => status.value?.signedIn === true);
  const isAdmin = computed(() => isSignedIn.value && status.value?.user?.role === 'admin');

  async function loadMe(): Promise<void> {
    me.value = (await meTask.run(() => ports.agent.me())) ?? null;
  }

  async function show(next: SessionStatus): Promise<void> {
    const sameUser = next.user?.id === status.value?.user?.id;
    status.value = next;
    if (!next.signedIn) me.value = null;
    else if (!sameUser || !me.value) await loadMe();
  }

  async function applyResult(result: SignInResult | undefined, origin: string): Promise<boolean> {
    if (!result) return false;
    if (!result.ok) {
      task.fail(result.message);
      return false;
    }
    serverUrl.value = origin;
    await ports.preferences.set('serverUrl', origin);
    await show(result.status);
    return true;
  }

  /**
   * Asks for the server's host permission synchronously (still inside the click), then runs `send`.
   * Resolves true when signed in.
   */
  function withServer(text: string, send: (origin: string) => Promise<SignInResult>): Promise<boolean> {
    const server = serverOriginOf(text);
    if (!server.ok) {
      task.fail(server.message);
      return Promise.resolve(false);
    }
    const { origin } = server;
    const permitted = needsHostPermission(origin, ports.defaultServer)
      ? ports.permissions.request([hostPatternFor(origin)])
      : Promise.resolve(true);
    return task
      .run(async () => {
        if (!(await permitted)) throw new Explained(refusedPermissionMessage(origin));
        return send(origin);
      })
      .then((result) => applyResult(result, origin))
      .catch(() => false);
  }

  return {
    status,
    me,
    serverUrl,
    task,
    checkTask,
    meTask,
    isSignedIn,
    isAdmin,
    async init(): Promise<() => void> {
      const stop = ports.messaging.onStatusChanged((next) => void show(next));
      const saved = await ports.preferences.get('serverUrl');
      if (!serverTyped) serverUrl.value = saved;
      const current = await checkTask.run(() => ports.messaging.getStatus());
      if (current) {
        if (current.signedIn) serverUrl.value = current.serverUrl;
        await show(current);
      }
      return stop;
    },
    /** What the person typed in the Server field. */
    typeServer(text: string): void {
      serverTyped = true;
      serverUrl.value = text;
    },
    signIn(input: SignInInput): Promise<boolean> {
      return withServer(input.serverUrl, (origin) =>
        ports.messaging.signIn({ serverUrl: origin, email: input.email.trim(), password: input.password }),
      );
    },
    acceptInvitation(input: AcceptInvitationInput): Promise<boolean> {
      if (input.password.length < 10) {
        task.fail('Choose a password of at least 10 characters.');
        return Promise.resolve(false);
      }
      return withServer(input.serverUrl, (origin) =>
        ports.messaging.acceptInvitation({ ...input, serverUrl: origin, token: input.token.trim() }),
      );
    },
    async signOut(): Promise<void> {
      const next = await task.run(() => ports.messaging.signOut(), 'You are signed out.');
      if (next) await show(next);
    },
  };
}

export type AccountModel = ReturnType<typeof createAccountModel>;
