// B7: choosing a template, typing its fields, and sending it as one written message (I4).
import { describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../../../extension/api/transport';
import { createComposerModel } from '../../../extension/models/panel/composer';
import { createTemplatesModel, HEADER_PICTURE_MISSING } from '../../../extension/models/panel/templates';
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
  const urls = { create: vi.fn((_b: Blob) => 'blob:test/header'), revoke: vi.fn() };
  const templates = createTemplatesModel({
    api: env.api,
    composer,
    conversation: env.conversation,
    urls,
    sources: () => ({ contactName: 'Samuel Johnson', userName: 'Alice Martin', orgName: 'Acme' }),
  });
  return { ...env, composer, templates, urls };
}

describe('B7: templates', () => {
  it('loads the approved templates once when the picker opens (picture headers too, not video ones)', async () => {
    const { api, templates } = await setup();
    const withVideo = template({
      id: 'tpl-4',
      name: 'launch_video',
      components: [
        { type: 'HEADER', format: 'VIDEO' },
        { type: 'BODY', text: 'Watch' },
      ],
      variables: [],
      headerMedia: 'unsupported',
    });
    api.templates.mockResolvedValue({
      templates: [...(await api.templates()).templates, brochure(), withVideo],
    });
    api.templates.mockClear();
    await templates.show();
    await templates.show();
    expect(api.templates).toHaveBeenCalledTimes(1);
    expect(templates.list.value?.map((t) => t.name)).toEqual(['order_update', 'follow_up', 'brochure']);
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

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

function brochure() {
  return template({
    id: 'tpl-3',
    name: 'brochure',
    components: [
      { type: 'HEADER', format: 'IMAGE' },
      { type: 'BODY', text: 'Here is our brochure.' },
    ],
    variables: [],
    headerMedia: 'image',
  });
}

async function withBrochure() {
  const env = await setup();
  env.api.templates.mockResolvedValue({ templates: [brochure()] });
  await env.templates.show();
  env.templates.choose('tpl-3');
  return env;
}

describe('B7: a template with a picture at the top', () => {
  it('asks for the picture: without one nothing is uploaded or sent, and the reason is shown', async () => {
    const { api, templates } = await withBrochure();
    expect(templates.needsPicture.value).toBe(true);
    expect(await templates.send()).toBe(false);
    expect(templates.pictureError.value).toBe(HEADER_PICTURE_MISSING);
    expect(api.uploadPicture).not.toHaveBeenCalled();
    expect(api.send).not.toHaveBeenCalled();
  });

  it('a file that is not JPEG or PNG is refused with the reason; the template stays chosen', async () => {
    const { templates } = await withBrochure();
    const gif = new File([new Uint8Array([0x47, 0x49, 0x46, 0x38])], 'a.gif', { type: 'image/gif' });
    expect(await templates.choosePicture(gif)).toBe(false);
    expect(templates.pictureError.value).toMatch(/JPEG or PNG/);
    expect(templates.picture.value).toBeNull();
    expect(templates.chosen.value?.name).toBe('brochure');
  });

  it('uploads the picture once, then sends the template with its header media id under one key', async () => {
    const { api, templates, urls } = await withBrochure();
    api.uploadPicture.mockResolvedValue({ id: 'md-9', mimeType: 'image/jpeg', size: 8 });
    api.send.mockResolvedValue({
      message: outbound({ kind: 'template' }),
      conversation: state(),
      duplicate: false,
    });
    expect(await templates.choosePicture(new File([JPEG], 'flyer.jpg', { type: 'image/jpeg' }))).toBe(true);
    expect(templates.picture.value?.url).toBe('blob:test/header');
    expect(await templates.send()).toBe(true);
    expect(api.uploadPicture).toHaveBeenCalledTimes(1);
    expect(api.uploadPicture.mock.calls[0]?.[0]).toMatchObject({
      fileName: 'flyer.jpg',
      contentType: 'image/jpeg',
    });
    expect(api.send).toHaveBeenCalledWith(
      'conv-1',
      { type: 'template', name: 'brochure', language: 'en_US', params: {}, headerMediaId: 'md-9' },
      'key-t',
    );
    expect(templates.open.value).toBe(false);
    expect(urls.revoke).toHaveBeenCalledWith('blob:test/header');
  });

  it('a refused upload keeps the picker open with the picture and says why; nothing is sent', async () => {
    const { api, templates } = await withBrochure();
    api.uploadPicture.mockRejectedValue(
      new ApiFailure(413, 'payload_too_large', 'The picture is larger than 5 MB.'),
    );
    await templates.choosePicture(new File([JPEG], 'flyer.jpg', { type: 'image/jpeg' }));
    expect(await templates.send()).toBe(false);
    expect(templates.open.value).toBe(true);
    expect(templates.picture.value).not.toBeNull();
    expect(templates.pictureError.value).toMatch(/5 MB/);
    expect(api.send).not.toHaveBeenCalled();
  });
});
