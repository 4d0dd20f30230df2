// How the panel names a customer's WhatsApp address: their number, or — for a customer who adopted a
// WhatsApp username and hides their number (2026) — the username, said to be without a number so the
// agent knows why no phone shows and why a CRM record cannot be found by it.
export interface CustomerAddress {
  phone: string;
  username?: string | null;
}

/** "+14155550101", "@lena.fischer · number hidden", or null when WhatsApp gave neither. */
export function addressLine(c: CustomerAddress): string | null {
  if (c.phone) return c.phone;
  if (c.username) return `${c.username} · number hidden`;
  return null;
}

/** A customer known only by a WhatsApp username (no number): the kind an agent links to a CRM record. */
export function isUsernameOnly(c: CustomerAddress): boolean {
  return !c.phone && !!c.username;
}
