// B7: choosing a template, typing its fields, and sending it as one written message (I4).
import { describe, expect, it } from 'vitest';
import { createComposerModel } from '../../../extension/models/panel/composer';
import { createTemplatesModel } from '../../../extension/models/panel/templates';
import { outbound, state, template } from './fixtures';
import { loadedConversation } from './helpers';

async function setup() {
  const env = await loadedConversation(
    state({ window: { open: false, expiresAt: null }, textHint: 'template_required', canSendText: false }),
  );
  const composer = createComposerModel({ api: env.api, conversation: env.conversation, ids: () => 'key-t' });
  env.api.templates.mockResolvedValue({
    templates: [
      template(),
      template({
        id: 'tpl-2',
        name: 'follow_up',
        variables: [],
        components: [{ type: 'BODY', text: 'Any news?' }],
      }),
    ],
  });
  const templates = createTemplatesModel({
    api: env.api,
    composer,
    sources: () => ({ contactName: 'Samuel Johnson', userName: 'Alice Martin', orgName: 'Acme' }),
  });
  return { ...env, composer, templates };
}

describe('B7: templates', () => {
  it('loads the approved templates once when the picker opens (not those with a media header)', async () => {
    const { api, templates } = await setup();
    const withImage = template({
      id: 'tpl-3',
      name: 'promo',
      components: [
        { type: 'HEADER', format: 'IMAGE' },
        { type: 'BODY', text: 'Sale' },
      ],
      variables: [],
    });
    api.templates.mockResolvedValue({ templates: [...(await api.templates()).templates, withImage] });
    api.templates.mockClear();
    await templates.show();
    await templates.show();
    expect(api.templates).toHaveBeenCalledTimes(1);
    expect(templates.list.value?.map((t) => t.name)).toEqual(['order_update', 'follow_up']);
  });

  it('choosing one previews it filled; a missing typed field blocks the send and says which', async () => {
    const { api, templates } = await setup();
    await templates.show();
    templates.choose('tpl-1');
    expect(templates.filled.value?.body).toBe(
      'Hi Samuel, this is Alice Martin from Acme. Your order [4] is ready.',
    );
    expect(await templates.send()).toBe(false);
    expect(templates.showProblems.value).toBe(true);
    expect(templates.filled.value?.problems.map((p) => p.label)).toEqual(['Field 4 of the message']);
    expect(api.send).not.toHaveBeenCalled();
  });

  it('sends the template with its typed values under a key, and closes the picker', async () => {
    const { api, templates, conversation } = await setup();
    api.send.mockResolvedValue({
      message: outbound({ id: 'm-t', kind: 'template', state: 'sent' }),
      conversation: state(),
      duplicate: false,
    });
    await templates.show();
    templates.choose('tpl-1');
    templates.setField('body.4', 'A-123');
    expect(await templates.send()).toBe(true);
    expect(api.send).toHaveBeenCalledWith(
      'conv-1',
      { type: 'template', name: 'order_update', language: 'en_US', params: { 'body.4': 'A-123' } },
      'key-t',
    );
    expect(templates.open.value).toBe(false);
    expect(conversation.thread.value?.items).toHaveLength(1);
  });

  it('a template without variables sends empty params', async () => {
    const { api, templates } = await setup();
    api.send.mockResolvedValue({ message: outbound(), conversation: state(), duplicate: false });
    await templates.show();
    templates.choose('tpl-2');
    await templates.send();
    expect(api.send.mock.calls[0]?.[1]).toEqual({
      type: 'template',
      name: 'follow_up',
      language: 'en_US',
      params: {},
    });
  });
});
