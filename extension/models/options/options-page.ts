// The whole options page as one object of small models. Admin sections load when an admin signs in
// and are emptied when they sign out, so the next person never sees the previous org's data.
import { effect } from '@preact/signals';
import { createAccountModel } from './account';
import { createConsentModel } from './consent';
import { createDeadLettersModel } from './dead-letters';
import { createNumberModel } from './number';
import { createOrgModel } from './org';
import type { OptionsPorts } from './ports';
import { createPreferencesModel } from './preferences';
import { createPrivacyModel } from './privacy';
import { createSubOrgsModel } from './sub-orgs';
import { createTemplatesModel } from './templates';
import { createUsersModel } from './users';

export function createOptionsPage(ports: OptionsPorts) {
  const account = createAccountModel(ports);
  const subOrgs = createSubOrgsModel(ports);
  const admin = {
    org: createOrgModel(ports),
    subOrgs,
    users: createUsersModel(ports, () => void subOrgs.refresh()),
    number: createNumberModel(ports),
    templates: createTemplatesModel(ports),
    consent: createConsentModel(ports),
    deadLetters: createDeadLettersModel(ports),
    privacy: createPrivacyModel(ports),
  };
  const preferences = createPreferencesModel(ports);
  const sections = Object.values(admin);

  async function loadAdmin(): Promise<void> {
    await Promise.all([
      admin.org.load(),
      admin.subOrgs.load(),
      admin.users.load(),
      admin.number.load(),
      admin.templates.load(),
      admin.deadLetters.load(),
      admin.privacy.load(),
    ]);
  }

  return {
    account,
    preferences,
    admin,
    /** Starts the page; resolves to the function that stops it. */
    async start(): Promise<() => void> {
      let loadedFor: string | null = null;
      const stopEffect = effect(() => {
        const adminId = account.isAdmin.value ? (account.status.value?.user?.id ?? null) : null;
        if (adminId === loadedFor) return;
        loadedFor = adminId;
        for (const section of sections) section.reset();
        if (adminId) void loadAdmin();
      });
      // A number paused, flagged or downgraded by WhatsApp shows without a reload.
      const stopFrames = ports.messaging.onLiveFrame((frame) => {
        const isNumberNews =
          frame.type === 'number_health' || frame.type === 'number_paused' || frame.type === 'live_resumed';
        if (isNumberNews && loadedFor) void admin.number.load();
      });
      const [stopListening] = await Promise.all([account.init(), preferences.load()]);
      return () => {
        stopEffect();
        stopFrames();
        stopListening();
      };
    },
  };
}

export type OptionsPage = ReturnType<typeof createOptionsPage>;
