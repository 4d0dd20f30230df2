// Which contact a status webhook is about. A status names the customer by BSUID (2026, when we sent
// to one or the customer has one) and/or by wa_id, which can differ from the E.164 digits we sent to
// (SPEC §2): Brazil's wa_ids lack the mobile ninth digit and older Mexican ones carry a "1" after the
// country code. So: the aliases first, then the phone forms that wa_id can stand for. A status never
// creates a contact.
import type { Db } from '../storage/db';
import { type ContactRow, findContactByPhone, findContactByWaId } from '../storage/repos/contacts';

/** E.164 numbers a wa_id may stand for, most likely first. */
export function phonesForWaId(waId: string): string[] {
  const phones = [`+${waId}`];
  const brazil = /^55(\d{2})(\d{8})$/.exec(waId);
  if (brazil) phones.push(`+55${brazil[1]}9${brazil[2]}`);
  const mexico = /^521(\d{10})$/.exec(waId);
  if (mexico) phones.push(`+52${mexico[1]}`);
  return phones;
}

/** A status's recipient: by BSUID (2026) or parent BSUID, then by wa_id and the phones it stands for. */
export async function findCustomerContact(
  db: Db,
  orgId: string,
  recipient: { waId?: string; bsuid?: string; parentBsuid?: string },
): Promise<ContactRow | undefined> {
  for (const id of [recipient.bsuid, recipient.waId, recipient.parentBsuid]) {
    const byAlias = id ? await findContactByWaId(db, orgId, id) : undefined;
    if (byAlias) return byAlias;
  }
  if (!recipient.waId) return undefined;
  for (const phone of phonesForWaId(recipient.waId)) {
    const contact = await findContactByPhone(db, orgId, phone);
    if (contact) return contact;
  }
  return undefined;
}
