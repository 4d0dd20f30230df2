// B10: pictures from a file or the camera — checked, previewed, uploaded once, sent with a caption;
// pictures in the thread fetched with the session and revoked when no longer shown.
import { describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../../../extension/api/transport';
import { BLOCKED, createCameraModel, NEEDS_PERMISSION } from '../../../extension/models/panel/camera';
import { createComposerModel } from '../../../extension/models/panel/composer';
import { createPictureCache } from '../../../extension/models/panel/picture-cache';
import { createPicturesModel } from '../../../extension/models/panel/pictures';
import type { CameraPermission, CameraPort } from '../../../extension/models/panel/ports';
import { outbound, settle, state } from './fixtures';
import { loadedConversation } from './helpers';

const JPEG_BYTES = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
const jpeg = (size = JPEG_BYTES.length) => {
  const bytes = new Uint8Array(size);
  bytes.set(JPEG_BYTES.subarray(0, Math.min(size, JPEG_BYTES.length)));
  return new File([bytes], 'shop.jpg', { type: 'image/jpeg' });
};

function fakeUrls() {
  let n = 0;
  const live = new Set<string>();
  return {
    live,
    create: vi.fn((_b: Blob) => {
      const url = `blob:test/${++n}`;
      live.add(url);
      return url;
    }),
    revoke: vi.fn((url: string) => {
      live.delete(url);
    }),
  };
}

async function setup() {
  const env = await loadedConversation();
  const urls = fakeUrls();
  const composer = createComposerModel({ api: env.api, conversation: env.conversation, ids: () => 'key-p' });
  const pictures = createPicturesModel({ api: env.api, conversation: env.conversation, composer, urls });
  return { ...env, urls, composer, pictures };
}

describe('B10: sending a picture', () => {
  it('a JPEG from a file is previewed, uploaded, then sent with its caption', async () => {
    const { api, pictures, urls } = await setup();
    api.uploadPicture.mockResolvedValue({ id: 'md-1', mimeType: 'image/jpeg', size: 8 });
    api.send.mockResolvedValue({
      message: outbound({ kind: 'image', mediaId: 'md-1' }),
      conversation: state(),
      duplicate: false,
    });
    expect(await pictures.chooseFile(jpeg())).toBe(true);
    expect(pictures.draft.value).toMatchObject({
      url: 'blob:test/1',
      contentType: 'image/jpeg',
      source: 'file',
    });
    pictures.caption.value = ' Our shop ';
    expect(await pictures.send()).toBe(true);
    const [file, conversationId] = api.uploadPicture.mock.calls[0] ?? [];
    expect(conversationId).toBe('conv-1');
    expect(file).toMatchObject({ fileName: 'shop.jpg', contentType: 'image/jpeg', base64: '/9j/4AECAwQ=' });
    expect(api.send).toHaveBeenCalledWith(
      'conv-1',
      { type: 'image', mediaId: 'md-1', caption: 'Our shop' },
      'key-p',
    );
    expect(pictures.draft.value).toBeNull();
    expect(urls.live.size).toBe(0);
  });

  it.each`
    name               | file                                                        | message
    ${'not a picture'} | ${new File(['GIF89a...'], 'a.jpg', { type: 'image/jpeg' })} | ${'Choose a JPEG or PNG picture: WhatsApp accepts only those.'}
    ${'over 5 MB'}     | ${jpeg(5 * 1024 * 1024 + 1)}                                | ${'This picture is 5.0 MB: WhatsApp accepts pictures up to 5 MB.'}
  `('refuses a file that is $name with a clear message, before any upload', async ({ file, message }) => {
    const { api, pictures } = await setup();
    expect(await pictures.chooseFile(file)).toBe(false);
    expect(pictures.error.value).toBe(message);
    expect(pictures.draft.value).toBeNull();
    expect(api.uploadPicture).not.toHaveBeenCalled();
  });

  it('an upload that fails keeps the picture for another try and sends nothing', async () => {
    const { api, pictures } = await setup();
    api.uploadPicture.mockRejectedValue(
      new ApiFailure(422, 'unsupported_media', 'Only JPEG and PNG pictures can be sent.'),
    );
    await pictures.chooseFile(jpeg());
    expect(await pictures.send()).toBe(false);
    expect(pictures.error.value).toBe('Only JPEG and PNG pictures can be sent.');
    expect(pictures.draft.value).not.toBeNull();
    expect(api.send).not.toHaveBeenCalled();
  });

  it('Cancel revokes the preview URL', async () => {
    const { pictures, urls } = await setup();
    await pictures.chooseFile(jpeg());
    pictures.cancel();
    expect(pictures.draft.value).toBeNull();
    expect(urls.revoke).toHaveBeenCalledWith('blob:test/1');
  });
});

function fakeStream() {
  const track = { stop: vi.fn() };
  return { track, stream: { getTracks: () => [track] } as unknown as MediaStream };
}

function fakeCamera(permission: CameraPermission, open: () => Promise<MediaStream>) {
  const port: CameraPort = {
    permission: async () => permission,
    open: vi.fn(open),
    openGrantPage: vi.fn(async () => undefined),
  };
  return port;
}

describe('B10: the camera', () => {
  it('in the side panel without permission: says why and offers to allow it from a tab', async () => {
    const { pictures } = await setup();
    const port = fakeCamera('prompt', async () => {
      throw new DOMException('Permission dismissed', 'NotAllowedError');
    });
    const camera = createCameraModel({ camera: port, pictures, canPrompt: false });
    await camera.open();
    expect(camera.phase.value).toBe('needs_permission');
    expect(camera.message.value).toBe(NEEDS_PERMISSION);
    await camera.grant();
    expect(port.openGrantPage).toHaveBeenCalled();
  });

  it('a prompt the side panel cannot show (no answer) also leads there; a late stream is stopped', async () => {
    const { pictures } = await setup();
    const late = fakeStream();
    let deliver: (s: MediaStream) => void = () => undefined;
    const port = fakeCamera('prompt', () => new Promise((r) => (deliver = r)));
    const camera = createCameraModel({ camera: port, pictures, canPrompt: false, promptTimeoutMs: 5 });
    await camera.open();
    expect(camera.phase.value).toBe('needs_permission');
    deliver(late.stream);
    await settle();
    expect(late.track.stop).toHaveBeenCalled();
    expect(camera.stream.value).toBeNull();
  });

  it('blocked in the browser: says where to allow it, without trying', async () => {
    const { pictures } = await setup();
    const port = fakeCamera('denied', async () => fakeStream().stream);
    const camera = createCameraModel({ camera: port, pictures, canPrompt: false });
    await camera.open();
    expect(camera.message.value).toBe(BLOCKED);
    expect(port.open).not.toHaveBeenCalled();
  });

  it('a refused getUserMedia also leads to "Allow the camera"', async () => {
    const { pictures } = await setup();
    const port = fakeCamera('unknown', async () => {
      throw new DOMException('denied', 'NotAllowedError');
    });
    const camera = createCameraModel({ camera: port, pictures, canPrompt: false });
    await camera.open();
    expect(camera.phase.value).toBe('needs_permission');
  });

  it('with permission: live, capture → preview; retake opens it again; cancel stops the camera', async () => {
    const { pictures } = await setup();
    const first = fakeStream();
    const second = fakeStream();
    const port = fakeCamera(
      'granted',
      vi.fn().mockResolvedValueOnce(first.stream).mockResolvedValueOnce(second.stream),
    );
    const camera = createCameraModel({ camera: port, pictures, canPrompt: false });
    await camera.open();
    expect(camera.phase.value).toBe('live');
    await camera.capture(jpeg());
    expect(first.track.stop).toHaveBeenCalled();
    expect(camera.phase.value).toBe('closed');
    expect(pictures.draft.value).toMatchObject({ source: 'camera', fileName: 'camera.jpg' });
    await camera.retake();
    expect(pictures.draft.value).toBeNull();
    expect(camera.phase.value).toBe('live');
    camera.cancel();
    expect(second.track.stop).toHaveBeenCalled();
    expect(camera.phase.value).toBe('closed');
  });

  it('no camera: says so', async () => {
    const { pictures } = await setup();
    const port = fakeCamera('granted', async () => {
      throw new DOMException('none', 'NotFoundError');
    });
    const camera = createCameraModel({ camera: port, pictures, canPrompt: true });
    await camera.open();
    expect(camera.phase.value).toBe('unavailable');
    expect(camera.message.value).toBe('No camera was found on this computer.');
  });
});

describe('B10: pictures in the thread', () => {
  it('fetched once through the API, shown as a blob URL, revoked when cleared', async () => {
    const { api } = await loadedConversation();
    const urls = fakeUrls();
    api.picture.mockResolvedValue({ kind: 'binary', base64: '/9j/4A==', contentType: 'image/jpeg' });
    const cache = createPictureCache({ api, urls });
    cache.request('md-1');
    cache.request('md-1');
    expect(cache.pictures.value['md-1']).toEqual({ status: 'loading' });
    await settle();
    expect(api.picture).toHaveBeenCalledTimes(1);
    expect(cache.pictures.value['md-1']).toEqual({ status: 'ready', url: 'blob:test/1' });
    cache.clear();
    expect(urls.live.size).toBe(0);
    expect(cache.pictures.value).toEqual({});
  });

  it('a picture the user may not see says why', async () => {
    const { api } = await loadedConversation();
    api.picture.mockRejectedValue(new ApiFailure(404, 'not_found', 'Media not found.'));
    const cache = createPictureCache({ api, urls: fakeUrls() });
    cache.request('md-x');
    await settle();
    expect(cache.pictures.value['md-x']).toEqual({ status: 'failed', message: 'Media not found.' });
  });
});
