// Media (reference §3) and template listing (reference §4.1) with a fake fetch.
import { describe, expect, it } from 'vitest';
import {
  createWhatsAppClient,
  MediaUrlExpiredError,
  WhatsAppApiError,
  WhatsAppValidationError,
} from '../../worker/whatsapp';
import { CONFIG, fakeFetch, json, type Reply } from './helpers/fake-fetch';

function setup(...replies: Reply[]) {
  const fake = fakeFetch(...replies);
  return { ...fake, client: createWhatsAppClient({ ...CONFIG, fetch: fake.fetch }) };
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe('media', () => {
  it('upload: multipart POST /{phone-number-id}/media with messaging_product, type and file', async () => {
    const { client, calls } = setup(json({ id: '1037543291543636' }));
    await expect(client.uploadMedia(PNG, 'image/png', 'photo.png')).resolves.toEqual({
      id: '1037543291543636',
    });
    const call = calls[0];
    expect(call?.url).toBe('https://graph.facebook.com/v24.0/106540352242922/media');
    expect(call?.method).toBe('POST');
    expect(call?.headers.get('authorization')).toBe('Bearer test-token');
    // fetch sets the multipart boundary itself; a hand-written Content-Type would break it.
    expect(call?.headers.get('content-type')).toBeNull();
    const form = call?.form;
    expect(form?.get('messaging_product')).toBe('whatsapp');
    expect(form?.get('type')).toBe('image/png');
    const file = form?.get('file');
    expect(file).toBeInstanceOf(Blob);
    const blob = file as File;
    expect(blob.type).toBe('image/png');
    expect(blob.name).toBe('photo.png');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(PNG);
  });

  it('upload accepts an ArrayBuffer and rejects a non-MIME type locally', async () => {
    const { client, calls } = setup(json({ id: '7' }));
    await expect(client.uploadMedia(PNG.buffer.slice(0), 'image/png')).resolves.toEqual({ id: '7' });
    await expect(client.uploadMedia(PNG, 'png')).rejects.toBeInstanceOf(WhatsAppValidationError);
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['string', '303833'],
    ['number', 303833],
  ])('get media: file_size as a %s is a number', async (_kind, size) => {
    const { client, calls } = setup(
      json({
        messaging_product: 'whatsapp',
        url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1',
        mime_type: 'image/jpeg',
        sha256: 'abc',
        file_size: size,
        id: '1037543291543636',
      }),
    );
    await expect(client.getMedia('1037543291543636')).resolves.toEqual({
      id: '1037543291543636',
      url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1',
      mimeType: 'image/jpeg',
      sha256: 'abc',
      fileSize: 303833,
    });
    expect(calls[0]?.url).toBe('https://graph.facebook.com/v24.0/1037543291543636');
    expect(calls[0]?.method).toBe('GET');
    expect(calls[0]?.headers.get('authorization')).toBe('Bearer test-token');
  });

  it('download: Bearer token, bytes and MIME type from Content-Type', async () => {
    const { client, calls } = setup(
      new Response(PNG, { status: 200, headers: { 'Content-Type': 'image/png; charset=binary' } }),
    );
    const media = await client.downloadMedia(
      'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1',
    );
    expect(new Uint8Array(media.bytes)).toEqual(PNG);
    expect(media.mimeType).toBe('image/png');
    expect(calls[0]?.url).toBe('https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1');
    expect(calls[0]?.headers.get('authorization')).toBe('Bearer test-token');
  });

  it('B10: download answered 404 means the URL expired: MediaUrlExpiredError', async () => {
    const { client } = setup(new Response('Not found', { status: 404 }));
    await expect(client.downloadMedia('https://lookaside.fbsbx.com/x')).rejects.toBeInstanceOf(
      MediaUrlExpiredError,
    );
  });

  it('download answered 401 with an error envelope is an API error', async () => {
    const { client } = setup(json({ error: { message: 'Invalid OAuth access token', code: 190 } }, 401));
    const error = await client.downloadMedia('https://lookaside.fbsbx.com/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect((error as WhatsAppApiError).code).toBe(190);
  });
});

function template(n: number, status = 'APPROVED') {
  return {
    id: String(n),
    name: `template_${n}`,
    language: 'en_US',
    status,
    category: 'UTILITY',
    parameter_format: 'POSITIONAL',
    components: [{ type: 'BODY', text: 'Hi {{1}}', example: { body_text: [['Sam']] } }],
  };
}

describe('templates', () => {
  it('§4.1 list: GET /{waba-id}/message_templates with fields, limit and after; maps to TemplateInfo', async () => {
    const { client, calls } = setup(
      json({
        data: [template(1)],
        paging: { cursors: { before: 'B1', after: 'A1' }, next: 'https://graph.facebook.com/next' },
      }),
    );
    const page = await client.listTemplates('200000000000001', { limit: 1, after: 'A0' });
    expect(page).toEqual({
      templates: [
        {
          id: '1',
          name: 'template_1',
          language: 'en_US',
          status: 'APPROVED',
          category: 'UTILITY',
          parameterFormat: 'POSITIONAL',
          components: [{ type: 'BODY', text: 'Hi {{1}}', example: { body_text: [['Sam']] } }],
        },
      ],
      after: 'A1',
    });
    const url = new URL(calls[0]?.url ?? '');
    expect(url.origin + url.pathname).toBe(
      'https://graph.facebook.com/v24.0/200000000000001/message_templates',
    );
    expect(url.searchParams.get('limit')).toBe('1');
    expect(url.searchParams.get('after')).toBe('A0');
    expect(url.searchParams.get('fields')).toContain('status');
  });

  it('§4.1 the last page has cursors but no paging.next: no after', async () => {
    const { client } = setup(json({ data: [template(1)], paging: { cursors: { before: 'B', after: 'A' } } }));
    expect((await client.listTemplates('1')).after).toBeUndefined();
  });

  it('§4.1 listAllTemplates follows the cursors and keeps every status', async () => {
    const { client, calls } = setup(
      json({ data: [template(1), template(2, 'PENDING')], paging: { cursors: { after: 'P2' }, next: 'n' } }),
      json({ data: [template(3, 'REJECTED')], paging: { cursors: { after: 'P3' }, next: 'n' } }),
      json({ data: [template(4)], paging: { cursors: { after: 'END' } } }),
    );
    const all = await client.listAllTemplates('200000000000001', { limit: 2 });
    expect(all.map((t) => [t.name, t.status])).toEqual([
      ['template_1', 'APPROVED'],
      ['template_2', 'PENDING'],
      ['template_3', 'REJECTED'],
      ['template_4', 'APPROVED'],
    ]);
    expect(calls.map((c) => new URL(c.url).searchParams.get('after'))).toEqual([null, 'P2', 'P3']);
  });

  it('listAllTemplates stops when a server repeats a cursor', async () => {
    const page = () => json({ data: [template(1)], paging: { cursors: { after: 'SAME' }, next: 'n' } });
    const { client, calls } = setup(page(), page(), page());
    const all = await client.listAllTemplates('1');
    expect(all).toHaveLength(2);
    expect(calls).toHaveLength(2);
  });

  it('131059 (invalid paging cursor, v24+) surfaces as an API error', async () => {
    const { client } = setup(
      json({ error: { message: '(#131059) Invalid paging cursor', code: 131059 } }, 400),
    );
    await expect(client.listTemplates('1', { after: 'stale' })).rejects.toMatchObject({ code: 131059 });
  });
});
