import { describe, expect, it } from 'vitest';
import type { ConsentType } from '../../worker/domain/consent';
import { decideSend, type NoticeKind, type OutboundKind } from '../../worker/domain/send-policy';

type Row = [OutboundKind, ConsentType, boolean, string];

// kind, consent, window open, expected ("send" | "queue:<reason>" | "refuse:<reason>")
const rows: Row[] = [
  ['opt_in', 'none', false, 'send'],
  ['opt_in', 'pending', false, 'send'],
  ['opt_in', 'opted_in', true, 'refuse:already_opted_in'],
  ['opt_in', 'opted_out', true, 'refuse:opted_out'],
  ['opt_in', 'not_on_whatsapp', false, 'send'],
  ['template', 'none', true, 'refuse:consent_required'],
  ['template', 'pending', false, 'queue:consent_pending'],
  ['template', 'opted_in', false, 'send'],
  ['template', 'opted_in', true, 'send'],
  ['template', 'opted_out', true, 'refuse:opted_out'],
  ['template', 'not_on_whatsapp', true, 'refuse:not_on_whatsapp'],
  ['text', 'none', false, 'refuse:consent_required'],
  ['text', 'none', true, 'send'],
  ['text', 'pending', true, 'queue:consent_pending'],
  ['text', 'pending', false, 'queue:consent_pending'],
  ['text', 'opted_in', true, 'send'],
  ['text', 'opted_in', false, 'queue:window_closed'],
  ['text', 'opted_out', true, 'refuse:opted_out'],
  ['text', 'not_on_whatsapp', true, 'refuse:not_on_whatsapp'],
  ['image', 'opted_in', true, 'send'],
  ['image', 'opted_in', false, 'queue:window_closed'],
  ['image', 'pending', true, 'queue:consent_pending'],
  ['image', 'none', true, 'send'],
  ['image', 'opted_out', true, 'refuse:opted_out'],
];

const label = (d: ReturnType<typeof decideSend>) => (d.type === 'send' ? 'send' : `${d.type}:${d.reason}`);

describe('send policy', () => {
  it.each(rows)(
    'B4/B7/B22/I1/I2: %s to a %s customer, window open %s → %s',
    (kind, consent, windowOpen, expected) => {
      expect(label(decideSend(kind, { consent, windowOpen }))).toBe(expected);
    },
  );

  const notices: [NoticeKind, ConsentType, boolean, string][] = [
    ['opt_out_notice', 'opted_out', true, 'send'],
    ['opt_in_confirmation', 'opted_in', true, 'send'],
    ['participant_left', 'opted_in', true, 'send'],
    ['participant_left', 'opted_in', false, 'refuse:window_closed'],
    ['participant_left', 'opted_out', true, 'refuse:opted_out'],
    ['participant_removed', 'none', true, 'send'],
    ['transferred', 'pending', true, 'send'],
    ['transferred', 'not_on_whatsapp', true, 'refuse:not_on_whatsapp'],
    ['opt_out_notice', 'opted_out', false, 'refuse:window_closed'],
  ];
  it.each(notices)(
    'B14/I1/I2: notice %s to a %s customer, window open %s → %s',
    (notice, consent, windowOpen, expected) => {
      expect(label(decideSend('notice', { consent, windowOpen, notice }))).toBe(expected);
    },
  );

  it('I1: nothing but the opt-out notice ever goes to an opted-out customer', () => {
    const kinds: OutboundKind[] = ['opt_in', 'template', 'text', 'image'];
    for (const kind of kinds)
      for (const w of [true, false])
        expect(decideSend(kind, { consent: 'opted_out', windowOpen: w }).type).toBe('refuse');
  });
});
