// The org's WhatsApp Business number (B21): Meta's ids and the access token. The token is write-only:
// the API only says one is stored, and an empty token field means "keep it". A number paused by Meta
// or by the account's state shows why, with a way to resume once the cause is fixed.
import { signal } from '@preact/signals';
import type { NumberPut, NumberSettings } from '../../../shared/api/admin';
import type { OptionsPorts } from './ports';
import { createTask } from './task';

export interface NumberForm {
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
  accessToken: string;
}

/** The PUT body: trimmed ids, and the token only when one was typed (otherwise the stored one stays). */
export function numberPutOf(form: NumberForm): NumberPut {
  const token = form.accessToken.trim();
  return {
    phoneNumberId: form.phoneNumberId.trim(),
    displayPhoneNumber: form.displayPhoneNumber.trim(),
    wabaId: form.wabaId.trim(),
    ...(token ? { accessToken: token } : {}),
  };
}

export function createNumberModel(ports: OptionsPorts) {
  /** undefined: not loaded yet; null: no number set up. */
  const settings = signal<NumberSettings | null | undefined>(undefined);
  const task = createTask();
  const { admin } = ports;

  return {
    settings,
    task,
    async load(): Promise<void> {
      const answer = await task.run(() => admin.number());
      if (answer !== undefined) settings.value = answer;
    },
    reset(): void {
      settings.value = undefined;
      task.reset();
    },
    async save(form: NumberForm): Promise<boolean> {
      const next = await task.run(() => admin.putNumber(numberPutOf(form)), 'Number settings saved.');
      if (next) settings.value = next;
      return next !== undefined;
    },
    async resume(): Promise<void> {
      const next = await task.run(() => admin.resumeNumber(), 'Sending is resumed.');
      if (next) settings.value = next;
    },
  };
}

export type NumberModel = ReturnType<typeof createNumberModel>;
