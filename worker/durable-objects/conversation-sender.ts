// How a conversation object sends one message (P3, B21): with the number's credentials as held for
// the isolate (services/credentials-cache.ts), read again when something says they may have changed
// (a refused send, a pause, a wake, an admin's resume); and the customer's wa_id remembered when
// WhatsApp names them by another one than their number's digits (SPEC §2).
import { dispatch } from '../conversations/dispatch';
import type { SendResultOutcome } from '../domain/conversation';
import type { Env } from '../env';
import { CredentialsSource } from '../services/credentials-cache';
import { numberCredentials } from '../services/number-settings';
import type { Db } from '../storage/db';
import { addWaIdAlias } from '../storage/repos/contacts';
import type { Send } from './conversation-drain';
import type { ConversationRef } from './conversation-store';

export class ConversationSender {
  /** Only credentials read from this instant on will do (raised by a pause, a wake or a resume). */
  private credentialsAfter = Number.NEGATIVE_INFINITY;
  private readonly credentials: CredentialsSource;

  constructor(
    private readonly env: Env,
    private readonly db: () => Db,
  ) {
    this.credentials = new CredentialsSource((orgId) =>
      numberCredentials(this.db(), this.env.TOKEN_ENCRYPTION_KEY, orgId),
    );
  }

  /** The next send uses credentials read at or after `at` (epoch ms). */
  readAfresh(at: number): void {
    this.credentialsAfter = Math.max(this.credentialsAfter, at);
  }

  /** One send through the Cloud API; a refused one makes the next read the credentials afresh. */
  async send(ref: ConversationRef, knownWaIds: readonly string[], send: Send): Promise<SendResultOutcome> {
    const credentials = await this.credentials.get(ref.orgId, this.credentialsAfter);
    const outcome = await dispatch(this.env, ref, send, credentials);
    if (outcome.type !== 'accepted') this.credentials.forget(ref.orgId);
    // Meta's wa_id can differ from the E.164 digits (Brazil, Mexico): remember it so replies and
    // statuses naming the customer by it find this conversation.
    if (outcome.type === 'accepted' && outcome.waId && !knownWaIds.includes(outcome.waId)) {
      await addWaIdAlias(this.db(), ref.orgId, ref.contactId, outcome.waId, Date.now());
    }
    return outcome;
  }
}
