// Conversation state saved by an older core is brought up to date on load (SPEC §6: Durable Object
// schemas are versioned and migrated on load), one version at a time. Pure: tested without storage.
import { CONVERSATION_SCHEMA_VERSION, type ConversationState } from './conversation';

/** v1 knew the customer by phone and wa_ids only; v2 adds the BSUID and allows a hidden phone. */
type StateV1 = Omit<ConversationState, 'schema' | 'customer'> & {
  schema: 1;
  customer: { phone: string; waIds: string[] };
};

/** v2 held the webhook dedupe keys itself; v3 leaves them to the store (which copied them first). */
type StateV2 = Omit<ConversationState, 'schema'> & { schema: 2; seen?: Record<string, number> };

const UPGRADES: Record<number, (state: unknown) => unknown> = {
  1: (state) => {
    const v1 = state as StateV1;
    return { ...v1, schema: 2, customer: { ...v1.customer, bsuid: null } };
  },
  2: (state) => {
    const { seen: _moved, ...v2 } = state as StateV2;
    return { ...v2, schema: 3 };
  },
};

/** The dedupe keys a state saved before v3 still holds (I6), for the store to keep before upgrading. */
export function savedDedupeKeys(saved: { schema: number; seen?: unknown }): [string, number][] {
  if (saved.schema >= 3 || typeof saved.seen !== 'object' || saved.seen === null) return [];
  return Object.entries(saved.seen).filter((e): e is [string, number] => typeof e[1] === 'number');
}

/** State saved by an older version of the core is brought up to date here, one version at a time. */
export function upgradeState(saved: { schema: number }): ConversationState {
  if (saved.schema > CONVERSATION_SCHEMA_VERSION) {
    throw new Error(
      `conversation state v${saved.schema} is newer than this code (v${CONVERSATION_SCHEMA_VERSION})`,
    );
  }
  let state: { schema: number } = saved;
  while (state.schema < CONVERSATION_SCHEMA_VERSION) {
    const upgrade = UPGRADES[state.schema];
    if (!upgrade) throw new Error(`no upgrade from conversation state v${state.schema}`);
    state = upgrade(state) as { schema: number };
  }
  return state as ConversationState;
}
