// Every message state in words, with why it waits or did not go (B4, B9, B14, B15, I4).
import { describe, expect, it } from 'vitest';
import { describeNewItem } from '../../../extension/models/panel/announce';
import { authorLabel, inboundText, messageStatus } from '../../../extension/models/panel/message-status';
import { BOB, inbound, ME, outbound } from './fixtures';

const failure = {
  code: 131026,
  reason: 'This number cannot receive WhatsApp messages.',
  nextStep: 'Send an SMS instead, or try again in 24 hours.',
};

describe('B9: message states', () => {
  it.each`
    state          | holdReason           | notSentReason        | label                  | detail
    ${'queued'}    | ${'consent_pending'} | ${null}              | ${'Queued'}            | ${'Waiting for the customer to opt in; it goes out once they accept.'}
    ${'queued'}    | ${'window_closed'}   | ${null}              | ${'Queued'}            | ${'The 24-hour window is closed; it goes out when the customer writes again.'}
    ${'queued'}    | ${'retry'}           | ${null}              | ${'Queued'}            | ${'WhatsApp was busy; Greenline retries automatically.'}
    ${'queued'}    | ${'number_paused'}   | ${null}              | ${'Queued'}            | ${'Sending is paused for your WhatsApp number; your admin has been alerted.'}
    ${'queued'}    | ${'rate_limited'}    | ${null}              | ${'Queued'}            | ${'Sending shortly (WhatsApp rate limit).'}
    ${'sending'}   | ${null}              | ${null}              | ${'Sending'}           | ${null}
    ${'uncertain'} | ${null}              | ${null}              | ${'Not confirmed yet'} | ${'WhatsApp has not confirmed this message yet. Greenline checks before any retry, so it is never sent twice.'}
    ${'sent'}      | ${null}              | ${null}              | ${'Sent'}              | ${null}
    ${'delivered'} | ${null}              | ${null}              | ${'Delivered'}         | ${null}
    ${'read'}      | ${null}              | ${null}              | ${'Read'}              | ${null}
    ${'not_sent'}  | ${null}              | ${'opted_out'}       | ${'Not sent'}          | ${'The customer opted out.'}
    ${'not_sent'}  | ${null}              | ${'author_left'}     | ${'Not sent'}          | ${'Its author left the conversation before it could go.'}
    ${'not_sent'}  | ${null}              | ${'author_removed'}  | ${'Not sent'}          | ${'Its author was removed from the conversation.'}
    ${'not_sent'}  | ${null}              | ${'expired'}         | ${'Not sent'}          | ${'It waited 7 days in the queue without a chance to go.'}
    ${'not_sent'}  | ${null}              | ${'not_on_whatsapp'} | ${'Not sent'}          | ${"This number isn't on WhatsApp."}
    ${'not_sent'}  | ${null}              | ${'opt_in_failed'}   | ${'Not sent'}          | ${'The opt-in did not go through, so nothing waiting for it was sent.'}
  `(
    '$state ($holdReason$notSentReason) reads "$label"',
    ({ state, holdReason, notSentReason, label, detail }) => {
      expect(messageStatus(outbound({ state, holdReason, notSentReason }))).toMatchObject({ label, detail });
    },
  );

  it('failed shows the plain reason and the next step', () => {
    expect(messageStatus(outbound({ state: 'failed', failure }))).toEqual({
      label: 'Failed',
      detail: 'This number cannot receive WhatsApp messages. Send an SMS instead, or try again in 24 hours.',
      tone: 'problem',
    });
  });
});

describe('who wrote it', () => {
  const names = new Map([[BOB.userId, BOB.name]]);
  it.each`
    authorId      | kind          | label
    ${ME.userId}  | ${'text'}     | ${'You'}
    ${BOB.userId} | ${'text'}     | ${'Bob Stone'}
    ${'u-gone'}   | ${'image'}    | ${'A colleague'}
    ${ME.userId}  | ${'opt_in'}   | ${'You · opt-in request'}
    ${BOB.userId} | ${'template'} | ${'Bob Stone · template'}
    ${null}       | ${'notice'}   | ${'Automatic message'}
  `('$authorId / $kind → "$label"', ({ authorId, kind, label }) => {
    expect(authorLabel({ authorId, kind }, ME.userId, names)).toBe(label);
  });

  it.each`
    kind        | text     | words
    ${'text'}   | ${'hi'}  | ${'hi'}
    ${'button'} | ${'Yes'} | ${'Tapped “Yes”'}
    ${'other'}  | ${null}  | ${'Sent a file Greenline cannot show here (a video, document or other media).'}
  `('the customer’s $kind reads "$words"', ({ kind, text, words }) => {
    expect(inboundText({ kind, text })).toBe(words);
  });
});

describe('A1: what is announced', () => {
  const ctx = { myId: ME.userId, contactName: 'Samuel Johnson', names: new Map([[BOB.userId, BOB.name]]) };
  it('the customer’s new message, a picture, a colleague’s message and a system line', () => {
    expect(describeNewItem([], inbound({ text: 'Yes please' }), ctx)).toBe('Samuel Johnson: Yes please');
    expect(describeNewItem([], inbound({ kind: 'image', text: null, mediaId: 'md' }), ctx)).toBe(
      'Samuel Johnson sent a picture',
    );
    expect(describeNewItem([], outbound({ authorId: BOB.userId, text: 'On it' }), ctx)).toBe(
      'Bob Stone: On it',
    );
    expect(describeNewItem([], { type: 'system', at: 1, text: 'Bob Stone left' }, ctx)).toBe(
      'Bob Stone left',
    );
  });

  it('not your own message, not a state change, except your message failing', () => {
    const mine = outbound({ state: 'sending' });
    expect(describeNewItem([], mine, ctx)).toBeNull();
    expect(describeNewItem([mine], outbound({ state: 'sent' }), ctx)).toBeNull();
    expect(describeNewItem([mine], outbound({ state: 'failed', failure }), ctx)).toBe(
      `Your message was not delivered: Failed. ${failure.reason} ${failure.nextStep}`,
    );
  });
});
