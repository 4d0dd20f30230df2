// Seedable randomness and Meta-shaped identifiers (wamids, media ids, fbtrace ids, URL hashes), so that
// tests asking for faults "at rate 0.5" get the same outcome on every run.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** True with probability `rate` (0 never draws, so rate 0 leaves the sequence untouched). */
  chance(rate: number): boolean;
  bytes(count: number): Uint8Array;
  digits(count: number): string;
}

/** mulberry32: tiny, fast and good enough for simulated faults and ids. */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (rate) => rate > 0 && (rate >= 1 || next() < rate),
    bytes: (count) => Uint8Array.from({ length: count }, () => Math.floor(next() * 256)),
    digits: (count) => Array.from({ length: count }, () => Math.floor(next() * 10)).join(''),
  };
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/**
 * A wamid: `wamid.` + base64, like Meta's (`wamid.HBgL...`). Meta's payload is a protobuf holding the
 * recipient; ours holds the recipient's wa_id and random bytes. Always well under 128 characters.
 */
export function newWamid(random: Random, waId: string): string {
  // Same leading bytes as Meta's protobuf (so ids start `wamid.HBg`), then the wa_id and random bytes.
  const head = Uint8Array.from([
    0x1c,
    0x18,
    waId.length,
    ...new TextEncoder().encode(waId),
    0x15,
    0x02,
    0x00,
    0x12,
    0x18,
    0x12,
  ]);
  const body = new Uint8Array(head.length + 18);
  body.set(head);
  body.set(random.bytes(18), head.length);
  return `wamid.${base64(body)}`;
}

/** Media ids are 15–16 digit numbers on Meta; ours start with 9 to be easy to spot. */
export function newMediaId(random: Random): string {
  return `9${random.digits(15)}`;
}

export function newFbtraceId(random: Random): string {
  return base64(random.bytes(8)).replace(/[+/=]/g, 'A');
}

export function newUrlHash(random: Random): string {
  return Buffer.from(random.bytes(12)).toString('hex');
}
