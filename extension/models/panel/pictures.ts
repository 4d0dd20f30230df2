// A picture to send (B10): from a file or the camera, checked (JPEG / PNG, 5 MB, by its bytes),
// previewed with an optional caption, uploaded once, then sent as one written message (I4: the
// upload's media id and the key stay with it if the send must be retried).
import { signal } from '@preact/signals';
import { bytesToBase64 } from '../../api/base64';
import type { ComposerModel } from './composer';
import type { ConversationModel } from './conversation';
import { messageOf } from './conversation';
import { checkPicture, type PictureType } from './picture-check';
import type { BlobUrls, PanelApi } from './ports';

export interface PictureDraft {
  blob: Blob;
  url: string;
  contentType: PictureType;
  fileName: string;
  source: 'file' | 'camera';
}

export interface PicturesDeps {
  api: Pick<PanelApi, 'uploadPicture'>;
  conversation: ConversationModel;
  composer: ComposerModel;
  urls: BlobUrls;
}

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

export function createPicturesModel({ api, conversation, composer, urls }: PicturesDeps) {
  const draft = signal<PictureDraft | null>(null);
  const caption = signal('');
  const error = signal<string | null>(null);
  const uploading = signal(false);

  function clear(): void {
    const d = draft.value;
    if (d) urls.revoke(d.url);
    draft.value = null;
    caption.value = '';
  }

  async function take(blob: Blob, fileName: string, source: PictureDraft['source']): Promise<boolean> {
    error.value = null;
    const check = checkPicture(blob.size, (await bytesOf(blob.slice(0, 16))).subarray(0, 16));
    if (!check.ok) {
      error.value = check.message;
      return false;
    }
    clear();
    draft.value = { blob, url: urls.create(blob), contentType: check.contentType, fileName, source };
    return true;
  }

  async function send(): Promise<boolean> {
    const d = draft.value;
    const conversationId = conversation.state.value?.conversationId;
    if (!d || !conversationId || uploading.value) return false;
    uploading.value = true;
    error.value = null;
    try {
      const file = {
        base64: bytesToBase64(await bytesOf(d.blob)),
        fileName: d.fileName,
        contentType: d.contentType,
      };
      const media = await api.uploadPicture(file, conversationId);
      const text = caption.value.trim();
      clear();
      return await composer.submit({ type: 'image', mediaId: media.id, ...(text ? { caption: text } : {}) });
    } catch (e) {
      // Nothing was written yet (the upload failed): the draft stays for another try.
      error.value = messageOf(e);
      return false;
    } finally {
      uploading.value = false;
    }
  }

  return {
    draft,
    caption,
    error,
    uploading,
    chooseFile: (file: File) => take(file, file.name || 'picture', 'file'),
    useCapture: (blob: Blob) => take(blob, 'camera.jpg', 'camera'),
    send,
    cancel() {
      clear();
      error.value = null;
    },
  };
}

export type PicturesModel = ReturnType<typeof createPicturesModel>;
