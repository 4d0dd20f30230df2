// Templates with a header over the API (issue 10 item 4): the template list says when a picture is
// needed; a template with an IMAGE header is sent with the caller's uploaded picture (headerMediaId)
// and refused with a clear 422 without one; headers Greenline cannot fill yet are refused up front.
import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TemplateComponent } from '../../shared/api/common';
import { extractVariables } from '../../shared/api/template-variables';
import { upsertTemplate } from '../../worker/storage/repos/templates';
import { optedIn, send, thread } from './conversations-support';
import { call, db, type ErrorBody, setupDemo, tokenFor } from './helpers';
import { jpegWithExif } from './media-images';

let alice = '';
let bob = '';

async function addTemplate(name: string, format: 'IMAGE' | 'VIDEO') {
  const components: TemplateComponent[] = [
    { type: 'HEADER', format },
    { type: 'BODY', text: 'Hi {{1}}, here is the sofa you asked about.' },
  ];
  const variables = extractVariables(components);
  await upsertTemplate(
    db(),
    'acme',
    'acme-number',
    { metaId: null, name, language: 'en_US', category: 'UTILITY', status: 'APPROVED', components, variables },
    Date.now(),
  );
}

async function upload(token: string, conversationId: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([jpegWithExif()], { type: 'image/jpeg' }), 'sofa.jpg');
  form.append('conversationId', conversationId);
  const res = await SELF.fetch('http://greenline.test/api/v1/media', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  await setupDemo();
  alice = await tokenFor('alice@acme.test');
  bob = await tokenFor('bob@acme.test');
  await addTemplate('sofa_photo', 'IMAGE');
  await addTemplate('sofa_video', 'VIDEO');
});

describe('B7: templates with a picture header', () => {
  it('the template list says which templates need a picture and which cannot be sent yet', async () => {
    const list = await call<{ templates: Array<{ name: string; headerMedia?: string | null }> }>(
      'GET',
      '/api/v1/templates',
      {
        token: alice,
      },
    );
    const byName = new Map(list.body.templates.map((t) => [t.name, t.headerMedia]));
    expect(byName.get('sofa_photo')).toBe('image');
    expect(byName.get('sofa_video')).toBe('unsupported');
    expect(byName.get('meeting_follow_up')).toBeNull();
  });

  it("B7: sent with the caller's picture it goes out; without one it is a 422 naming header.image", async () => {
    const { conversationId } = await optedIn(alice, 'Header Customer', '+14155550168');
    const template = { type: 'template', name: 'sofa_photo', language: 'en_US', params: { 'body.1': 'Sam' } };
    const missing = await send(alice, conversationId, template);
    expect(missing.status).toBe(422);
    expect((missing.body as unknown as ErrorBody).error.message).toContain('header.image');
    const picture = await upload(alice, conversationId);
    const sent = await send(alice, conversationId, { ...template, headerMediaId: picture });
    expect(sent.status).toBe(201);
    expect(sent.body.message.state).toBe('sent');
    // The thread shows the template with its picture (B10), so the agent sees what the customer got.
    const shown = (await thread(alice, conversationId)).items.find((i) => i.id === sent.body.message.id);
    expect(shown?.mediaId).toBe(picture);
  });

  it("S2 / I8: someone else's picture cannot be used as a header; a video header is refused up front", async () => {
    const { conversationId } = await optedIn(alice, 'Header Customer 2', '+14155550169');
    const bobs = await upload(bob, conversationId);
    const foreign = await send(alice, conversationId, {
      type: 'template',
      name: 'sofa_photo',
      language: 'en_US',
      params: { 'body.1': 'Sam' },
      headerMediaId: bobs,
    });
    expect(foreign.status).toBe(404);
    const video = await send(alice, conversationId, {
      type: 'template',
      name: 'sofa_video',
      language: 'en_US',
      params: { 'body.1': 'Sam' },
    });
    expect(video.status).toBe(422);
    expect((video.body as unknown as ErrorBody).error.code).toBe('unsupported_template_header');
  });
});
