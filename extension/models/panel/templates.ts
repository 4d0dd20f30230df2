// The template picker (B7): the approved templates, the one chosen, its typed fields, its header
// picture when it has one, and the preview as the customer will see it; sending goes through the
// composer (one key per written message, I4). A header picture is uploaded once, before the send,
// so a failed upload keeps the picker open with everything the user chose.
import { computed, signal } from '@preact/signals';
import type { AgentTemplate } from '../../../shared/api/templates';
import { bytesToBase64 } from '../../api/base64';
import type { ComposerModel } from './composer';
import { type ConversationModel, messageOf } from './conversation';
import { checkPicture, type PictureType } from './picture-check';
import type { BlobUrls, PanelApi } from './ports';
import {
  type FillSources,
  fillTemplate,
  needsHeaderPicture,
  templateRequest,
  templateTitle,
} from './template-fill';

export interface TemplatesDeps {
  api: Pick<PanelApi, 'templates' | 'uploadPicture'>;
  composer: ComposerModel;
  conversation: Pick<ConversationModel, 'state'>;
  urls: BlobUrls;
  sources: () => FillSources;
}

export interface HeaderPicture {
  blob: Blob;
  url: string;
  contentType: PictureType;
  fileName: string;
}

export const HEADER_PICTURE_MISSING = 'Choose the picture this template shows at the top.';

/** Templates the panel can fill: text headers and picture headers (video / document ones cannot be sent yet). */
export function isSendable(template: AgentTemplate): boolean {
  return template.headerMedia !== 'unsupported';
}

export function createTemplatesModel({ api, composer, conversation, urls, sources }: TemplatesDeps) {
  const open = signal(false);
  const list = signal<AgentTemplate[] | null>(null);
  const loadError = signal<string | null>(null);
  const chosen = signal<AgentTemplate | null>(null);
  const typed = signal<Record<string, string>>({});
  const showProblems = signal(false);
  const sending = signal(false);
  const picture = signal<HeaderPicture | null>(null);
  const pictureError = signal<string | null>(null);

  const filled = computed(() => (chosen.value ? fillTemplate(chosen.value, sources(), typed.value) : null));
  const needsPicture = computed(() => !!chosen.value && needsHeaderPicture(chosen.value));

  async function load(): Promise<void> {
    loadError.value = null;
    try {
      list.value = (await api.templates()).templates.filter(isSendable);
    } catch (error) {
      loadError.value = messageOf(error);
    }
  }

  function dropPicture(): void {
    if (picture.value) urls.revoke(picture.value.url);
    picture.value = null;
    pictureError.value = null;
  }

  function close(): void {
    open.value = false;
    chosen.value = null;
    typed.value = {};
    showProblems.value = false;
    dropPicture();
  }

  async function choosePicture(file: File): Promise<boolean> {
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    const check = checkPicture(file.size, head);
    if (!check.ok) {
      pictureError.value = check.message;
      return false;
    }
    dropPicture();
    const fileName = file.name || 'picture';
    picture.value = { blob: file, url: urls.create(file), contentType: check.contentType, fileName };
    return true;
  }

  /** Uploads the header picture (when the template has one); null when the upload failed. */
  async function uploadHeader(): Promise<{ headerMediaId?: string } | null> {
    const p = picture.value;
    const conversationId = conversation.state.value?.conversationId;
    if (!needsPicture.value || !p) return {};
    if (!conversationId) return null;
    try {
      const base64 = bytesToBase64(new Uint8Array(await p.blob.arrayBuffer()));
      const media = await api.uploadPicture(
        { base64, fileName: p.fileName, contentType: p.contentType },
        conversationId,
      );
      return { headerMediaId: media.id };
    } catch (error) {
      pictureError.value = messageOf(error);
      return null;
    }
  }

  async function send(): Promise<boolean> {
    const template = chosen.value;
    const fill = filled.value;
    if (!template || !fill || sending.value) return false;
    const missingPicture = needsPicture.value && !picture.value;
    if (fill.problems.length > 0 || missingPicture) {
      showProblems.value = true;
      if (missingPicture) pictureError.value = HEADER_PICTURE_MISSING;
      return false;
    }
    sending.value = true;
    try {
      const header = await uploadHeader();
      if (!header) return false;
      close();
      return await composer.submit({ ...templateRequest(template, fill), ...header }, fill.text);
    } finally {
      sending.value = false;
    }
  }

  return {
    open,
    list,
    loadError,
    chosen,
    typed,
    filled,
    showProblems,
    sending,
    picture,
    pictureError,
    needsPicture,
    title: templateTitle,
    async show() {
      open.value = true;
      if (list.value === null) await load();
    },
    reload: load,
    close,
    choose(id: string | null) {
      chosen.value = list.value?.find((t) => t.id === id) ?? null;
      typed.value = {};
      showProblems.value = false;
      dropPicture();
    },
    setField(key: string, value: string) {
      typed.value = { ...typed.value, [key]: value };
    },
    choosePicture,
    removePicture: dropPicture,
    send,
  };
}

export type TemplatesModel = ReturnType<typeof createTemplatesModel>;
