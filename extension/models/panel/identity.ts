// How the panel names a customer's WhatsApp address: their number, or — for a customer who adopted a
// WhatsApp username and hides their number (2026) — the username, said to be without a number so the
// agent knows why no phone shows and why a CRM record cannot be found by it.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
export interface CustomerAddress {
  phone: string;
  username?: string | null;
}

/** "+1 415 555 0101", "@lena.fischer · number hidden", or null when WhatsApp gave neither. */
export function addressLine(c: CustomerAddress): string | null {
  if (c.phone) return displayPhone(c.phone);
  if (c.username) return `${c.username} · number hidden`;
  return null;
}

/** A customer known only by a WhatsApp username (no number): the kind an agent links to a CRM record. */
export function isUsernameOnly(c: CustomerAddress): boolean {
  return !c.phone && !!c.username;
}

/** A number as people read it, "+1 415 555 0101", "+44 20 7946 0958"; one libphonenumber cannot read as it is. */
export function displayPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
