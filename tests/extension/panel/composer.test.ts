// I4 from the panel's side: one Idempotency-Key per written message, created when Send is pressed,
// kept for retries of that message; a double click sends once.
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../extension/api/transport';
import { createComposerModel, type PendingSend, sendsToShow } from '../../../extension/models/panel/composer';
import type { MessageState } from '../../../extension/models/panel/thread';
import { ME, outbound, state, T0 } from './fixtures';
import { loadedConversation } from './helpers';

async function setup() {
  const env = await loadedConversation();
  let n = 0;
  const composer = createComposerModel({
    api: env.api,
    conversation: env.conversation,
    ids: () => `key-${++n}`,
  });
  return { ...env, composer };
}

const answer = (s: MessageState = 'sending') => ({
  message: outbound({ id: 'm-9', text: 'Hello', state: s }),
  conversation: state({ queued: 0 }),
  duplicate: false,
});

describe('composer: WhatsApp’s length limit', () => {
  it('a text over 4,096 characters is not sent and stays in the composer to be shortened', async () => {
    const { api, composer } = await setup();
    composer.draft.value = 'a'.repeat(4097);
    expect(await composer.sendDraft()).toBe(false);
    expect(api.send).not.toHaveBeenCalled();
    expect(composer.draft.value).toHaveLength(4097);
  });
});

describe('I4: composer', () => {
  it('sends the text with a new key, clears the draft and shows the message in the thread', async () => {
    const { api, composer, conversation } = await setup();
    api.send.mockResolvedValue(answer());
    composer.draft.value = '  Hello  ';
    expect(await composer.sendDraft()).toBe(true);
    expect(api.send).toHaveBeenCalledWith('conv-1', { type: 'text', text: 'Hello' }, 'key-1');
    expect(composer.draft.value).toBe('');
    expect(composer.outbox.value).toEqual([]);
    expect(conversation.thread.value?.items).toEqual([
      expect.objectContaining({ id: 'm-9', state: 'sending' }),
    ]);
  });

  it('a double click sends once', async () => {
    const { api, composer } = await setup();
    api.send.mockResolvedValue(answer());
    composer.draft.value = 'Hello';
    await Promise.all([composer.sendDraft(), composer.sendDraft()]);
    expect(api.send).toHaveBeenCalledTimes(1);
  });

  it('a failed send stays with its key; Retry sends the same message with the same key', async () => {
    const { api, composer, conversation } = await setup();
    api.send.mockRejectedValueOnce(ApiFailure.unreachable('timeout'));
    composer.draft.value = 'Hello';
    expect(await composer.sendDraft()).toBe(false);
    const [pending] = composer.outbox.value;
    expect(pending).toMatchObject({ status: 'failed', idempotencyKey: 'key-1', label: 'Hello' });
    expect(pending?.error).toBe('The Greenline server cannot be reached (timeout).');

    api.send.mockResolvedValue({ ...answer('sent'), duplicate: true });
    await Promise.all([composer.retry(pending?.localId ?? ''), composer.retry(pending?.localId ?? '')]);
    expect(api.send).toHaveBeenCalledTimes(2);
    expect(api.send.mock.calls.map((c) => c[2])).toEqual(['key-1', 'key-1']);
    expect(composer.outbox.value).toEqual([]);
    expect(conversation.thread.value?.items).toHaveLength(1);
  });

  it('each new message gets its own key', async () => {
    const { api, composer } = await setup();
    api.send.mockResolvedValue(answer());
    composer.draft.value = 'One';
    await composer.sendDraft();
    composer.draft.value = 'Two';
    await composer.sendDraft();
    expect(api.send.mock.calls.map((c) => c[2])).toEqual(['key-1', 'key-2']);
  });

  it('editing a failed message makes it a new message (a new key, never the old key with another body)', async () => {
    const { api, composer } = await setup();
    api.send.mockRejectedValueOnce(new ApiFailure(500, 'internal', 'Something went wrong.'));
    composer.draft.value = 'Helo';
    await composer.sendDraft();
    composer.edit(composer.outbox.value[0]?.localId ?? '');
    expect(composer.draft.value).toBe('Helo');
    expect(composer.outbox.value).toEqual([]);
    api.send.mockResolvedValue(answer());
    composer.draft.value = 'Hello';
    await composer.sendDraft();
    expect(api.send.mock.calls.at(-1)?.[2]).toBe('key-2');
  });

  it('shows the API’s refusal (e.g. opted out) on the message', async () => {
    const { api, composer } = await setup();
    api.send.mockRejectedValue(
      new ApiFailure(409, 'opted_out', 'This customer opted out. They can opt in again by replying "yes".'),
    );
    composer.draft.value = 'Hello';
    await composer.sendDraft();
    expect(composer.outbox.value[0]?.error).toBe(
      'This customer opted out. They can opt in again by replying "yes".',
    );
    composer.discard(composer.outbox.value[0]?.localId ?? '');
    expect(composer.outbox.value).toEqual([]);
  });

  it('Enter on an empty draft sends nothing', async () => {
    const { api, composer } = await setup();
    composer.draft.value = '   ';
    expect(await composer.sendDraft()).toBe(false);
    expect(api.send).not.toHaveBeenCalled();
  });
});

describe('sends shown below the thread', () => {
  const pending = (over: Partial<PendingSend> = {}): PendingSend => ({
    localId: 'l1',
    conversationId: 'conv-1',
    idempotencyKey: 'l1',
    body: { type: 'text', text: 'Hello' },
    label: 'Hello',
    startedAt: T0,
    status: 'sending',
    error: null,
    ...over,
  });

  it('a text still on its way is not shown twice once its message arrived live (before the send’s answer)', () => {
    const sending = pending();
    expect(sendsToShow([sending], [], ME.userId)).toEqual([sending]);
    const arrived = outbound({ id: 'm-2', text: 'Hello', at: T0 + 300, state: 'sending' });
    expect(sendsToShow([sending], [arrived], ME.userId)).toEqual([]);
    // With the author's name in front (B12), too.
    const prefixed = outbound({ id: 'm-2', text: 'Alice Martin: Hello', at: T0 + 300 });
    expect(sendsToShow([sending], [prefixed], ME.userId)).toEqual([]);
  });

  it('only a newer message of mine with that text counts, and each answers for one send', () => {
    const first = pending({ localId: 'a' });
    const second = pending({ localId: 'b' });
    const older = outbound({ id: 'm-0', text: 'Hello', at: T0 - 60_000 });
    const someoneElse = outbound({ id: 'm-1', text: 'Hello', at: T0 + 100, authorId: 'u-bob' });
    const other = outbound({ id: 'm-2', text: 'Hello there', at: T0 + 100 });
    expect(sendsToShow([first], [older, someoneElse, other], ME.userId)).toEqual([first]);
    const one = outbound({ id: 'm-3', text: 'Hello', at: T0 + 200 });
    expect(sendsToShow([first, second], [one], ME.userId)).toEqual([second]);
  });

  it('a picture is matched by its upload; a failed send always stays, with Retry', () => {
    const picture = pending({ body: { type: 'image', mediaId: 'media-7' }, label: 'Picture' });
    const sent = outbound({ id: 'm-4', kind: 'image', text: null, mediaId: 'media-7', at: T0 + 100 });
    expect(sendsToShow([picture], [sent], ME.userId)).toEqual([]);
    const failed = pending({ status: 'failed', error: 'timeout' });
    expect(sendsToShow([failed], [outbound({ id: 'm-5', text: 'Hello', at: T0 + 100 })], ME.userId)).toEqual([
      failed,
    ]);
  });
});
