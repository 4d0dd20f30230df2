// Conversation state saved by an older core is brought up to date on load (SPEC §6: Durable Object
// schemas are versioned and migrated on load), one version at a time. Pure: tested without storage.
import { CONVERSATION_SCHEMA_VERSION, type ConversationState } from './conversation';

/** v1 knew the customer by phone and wa_ids only; v2 adds the BSUID and allows a hidden phone. */
type StateV1 = Omit<ConversationState, 'schema' | 'customer'> & {
  schema: 1;
  customer: { phone: string; waIds: string[] };
};

const UPGRADES: Record<number, (state: unknown) => unknown> = {
  1: (state) => {
    const v1 = state as StateV1;
    return { ...v1, schema: 2, customer: { ...v1.customer, bsuid: null } };
  },
};

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
