// Dead letters (SPEC §6): webhook parts the server could not apply, newest first, so an admin can
// see what Meta sent and why it was set aside. The payload is shown as indented JSON text.
import { signal } from '@preact/signals';
import type { DeadLetterDto } from '../../../shared/api/dead-letters';
import type { OptionsPorts } from './ports';
import { createTask } from './task';

export function payloadText(payload: unknown): string {
  return JSON.stringify(payload, null, 2) ?? String(payload);
}

export function createDeadLettersModel(ports: OptionsPorts) {
  /** null until loaded. */
  const deadLetters = signal<DeadLetterDto[] | null>(null);
  const task = createTask();

  return {
    deadLetters,
    task,
    async load(): Promise<void> {
      const answer = await task.run(() => ports.admin.deadLetters());
      if (answer) deadLetters.value = answer.deadLetters;
    },
    reset(): void {
      deadLetters.value = null;
      task.reset();
    },
  };
}

export type DeadLettersModel = ReturnType<typeof createDeadLettersModel>;
