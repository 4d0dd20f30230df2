// One running action of a section: busy while it runs, the API's message when it fails, a short
// note when it succeeds. Every section shows these in place (role="alert" / role="status").
import { type ReadonlySignal, type Signal, computed, signal } from '@preact/signals';
import { ApiFailure } from '../../api/transport';

/** A failure the page itself explains (not the API's): its message is shown as it is. */
export class Explained extends Error {
  override name = 'Explained';
}

/** What a person reads when something fails: the API's own message, verbatim, when there is one. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiFailure || error instanceof Explained) return error.message;
  const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
  return `Greenline could not finish this${detail}. Try again.`;
}

export interface Task {
  busy: ReadonlySignal<boolean>;
  error: Signal<string | null>;
  done: Signal<string | null>;
  /** Runs `work`; on failure shows its message and resolves undefined. */
  run<T>(work: () => Promise<T>, doneText?: string | ((result: T) => string)): Promise<T | undefined>;
  fail(message: string): void;
  reset(): void;
}

export function createTask(): Task {
  const running = signal(0);
  const error = signal<string | null>(null);
  const done = signal<string | null>(null);
  return {
    busy: computed(() => running.value > 0),
    error,
    done,
    async run(work, doneText) {
      running.value++;
      error.value = null;
      done.value = null;
      try {
        const result = await work();
        if (doneText) done.value = typeof doneText === 'string' ? doneText : doneText(result);
        return result;
      } catch (e) {
        error.value = messageOf(e);
        return undefined;
      } finally {
        running.value--;
      }
    },
    fail(message) {
      done.value = null;
      error.value = message;
    },
    reset() {
      error.value = null;
      done.value = null;
    },
  };
}
