// Pictures in the thread (B10): fetched with the session through the background, shown as blob URLs,
// each fetched once, and every URL revoked when the conversation is left (no leaked memory).
import { signal } from '@preact/signals';
import { base64ToBlob } from '../../api/base64';
import { messageOf } from './conversation';
import type { BlobUrls, PanelApi } from './ports';

export type PictureView =
  | { status: 'loading' }
  | { status: 'ready'; url: string }
  | { status: 'failed'; message: string };

export function createPictureCache({ api, urls }: { api: Pick<PanelApi, 'picture'>; urls: BlobUrls }) {
  const pictures = signal<Readonly<Record<string, PictureView>>>({});
  let generation = 0;

  const set = (mediaId: string, view: PictureView) => {
    pictures.value = { ...pictures.value, [mediaId]: view };
  };

  async function fetchPicture(mediaId: string, gen: number): Promise<void> {
    try {
      const body = await api.picture(mediaId);
      const url = urls.create(base64ToBlob(body.base64, body.contentType));
      if (gen !== generation) {
        urls.revoke(url);
        return;
      }
      set(mediaId, { status: 'ready', url });
    } catch (error) {
      if (gen === generation) set(mediaId, { status: 'failed', message: messageOf(error) });
    }
  }

  return {
    pictures,
    /** Starts fetching a picture unless it is known already. */
    request(mediaId: string): void {
      if (pictures.value[mediaId]) return;
      set(mediaId, { status: 'loading' });
      void fetchPicture(mediaId, generation);
    },
    /** Revokes every URL (contact switched, page closed). */
    clear(): void {
      generation++;
      for (const view of Object.values(pictures.value)) if (view.status === 'ready') urls.revoke(view.url);
      pictures.value = {};
    },
  };
}

export type PictureCache = ReturnType<typeof createPictureCache>;
