// The typed WhatsApp Cloud API client: sends, mark-as-read, media and template listing against
// `{baseUrl}/{apiVersion}/...`. fetch, token and ids arrive as arguments, so the same code runs in
// workerd and in Node. It never retries: a send that fails in transit throws a WhatsAppTransportError
// with `outcomeUnknown: true`, and the caller reconciles it from status webhooks (SPEC I4).
import { WhatsAppValidationError } from './errors';
import { callGraph, type DownloadedMedia, downloadBinary, type GraphHttpConfig } from './http';
import {
  type ImageContent,
  type InteractiveButtonsContent,
  imageBody,
  interactiveButtonsBody,
  type MessageBody,
  type MessageOptions,
  markAsReadBody,
  type TemplateContent,
  type TextOptions,
  templateBody,
  textBody,
} from './message-bodies';
import {
  type MediaInfo,
  MediaInfoSchema,
  type SendResult,
  SendResponseSchema,
  SuccessResponseSchema,
  type TemplatePage,
  TemplateListSchema,
  toSendResult,
  toTemplatePage,
  UploadResponseSchema,
} from './responses';

export interface WhatsAppClientConfig {
  /** `https://graph.facebook.com`, or the sandbox's URL. */
  baseUrl: string;
  /** Always explicit, e.g. `v24.0` (reference §9). */
  apiVersion: string;
  accessToken: string;
  phoneNumberId: string;
  fetch: typeof fetch;
  /** Per-request timeout in ms (default 15 000; 0 disables). */
  timeoutMs?: number;
}

export interface ListTemplatesOptions {
  after?: string;
  limit?: number;
}

/** Fields asked of `GET /{waba-id}/message_templates`, so the answer does not depend on Graph defaults. */
const TEMPLATE_FIELDS = 'id,name,language,status,category,sub_category,parameter_format,components';
/** Guards listAllTemplates against a server that keeps handing out cursors. */
const MAX_TEMPLATE_PAGES = 100;

export function createWhatsAppClient(config: WhatsAppClientConfig) {
  const http: GraphHttpConfig = {
    accessToken: config.accessToken,
    fetch: config.fetch,
    timeoutMs: config.timeoutMs ?? 15_000,
  };
  const root = `${config.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(config.apiVersion)}`;
  const messagesUrl = `${root}/${encodeURIComponent(config.phoneNumberId)}/messages`;

  async function send(operation: string, body: MessageBody): Promise<SendResult> {
    const response = await callGraph(
      http,
      { method: 'POST', url: messagesUrl, json: body, operation, isSend: true },
      SendResponseSchema,
    );
    return toSendResult(response);
  }

  async function listTemplates(wabaId: string, opts: ListTemplatesOptions = {}): Promise<TemplatePage> {
    const query = new URLSearchParams({ fields: TEMPLATE_FIELDS });
    if (opts.limit !== undefined) {
      if (!Number.isInteger(opts.limit) || opts.limit < 1) {
        throw new WhatsAppValidationError('limit', 'must be a positive integer');
      }
      query.set('limit', String(opts.limit));
    }
    if (opts.after !== undefined) query.set('after', opts.after);
    const url = `${root}/${encodeURIComponent(wabaId)}/message_templates?${query}`;
    const response = await callGraph(
      http,
      { method: 'GET', url, operation: 'list templates', isSend: false },
      TemplateListSchema,
    );
    return toTemplatePage(response);
  }

  return {
    async sendText(to: string, body: string, opts?: TextOptions): Promise<SendResult> {
      return send('send text', textBody(to, body, opts));
    },

    async sendImage(to: string, image: ImageContent, opts?: MessageOptions): Promise<SendResult> {
      return send('send image', imageBody(to, image, opts));
    },

    async sendTemplate(to: string, template: TemplateContent, opts?: MessageOptions): Promise<SendResult> {
      return send('send template', templateBody(to, template, opts));
    },

    async sendInteractiveButtons(
      to: string,
      content: InteractiveButtonsContent,
      opts?: MessageOptions,
    ): Promise<SendResult> {
      return send('send interactive', interactiveButtonsBody(to, content, opts));
    },

    /**
     * Escape hatch for message shapes without a typed helper (reaction, location ...): the body goes
     * out as given, without local validation. Errors and results are handled like any send.
     */
    async sendRaw(body: MessageBody): Promise<SendResult> {
      return send('send message', { messaging_product: 'whatsapp', ...body });
    },

    async markAsRead(messageId: string): Promise<void> {
      await callGraph(
        http,
        {
          method: 'POST',
          url: messagesUrl,
          json: markAsReadBody(messageId),
          operation: 'mark as read',
          isSend: false,
        },
        SuccessResponseSchema,
      );
    },

    async uploadMedia(
      bytes: ArrayBuffer | Uint8Array,
      mimeType: string,
      filename = 'upload',
    ): Promise<{ id: string }> {
      if (!/^[\w.+-]+\/[\w.+-]+$/.test(mimeType)) {
        throw new WhatsAppValidationError('mimeType', 'must be a MIME type such as image/jpeg');
      }
      // A copy gives Blob an ArrayBuffer-backed view in every runtime's typings.
      const copy = new Uint8Array(bytes.byteLength);
      copy.set(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
      const form = new FormData();
      form.append('messaging_product', 'whatsapp');
      form.append('type', mimeType);
      form.append('file', new Blob([copy], { type: mimeType }), filename);
      const url = `${root}/${encodeURIComponent(config.phoneNumberId)}/media`;
      const response = await callGraph(
        http,
        { method: 'POST', url, form, operation: 'upload media', isSend: false },
        UploadResponseSchema,
      );
      return { id: response.id };
    },

    async getMedia(mediaId: string): Promise<MediaInfo> {
      if (!mediaId) throw new WhatsAppValidationError('mediaId', 'must be a non-empty string');
      const url = `${root}/${encodeURIComponent(mediaId)}`;
      return callGraph(http, { method: 'GET', url, operation: 'get media', isSend: false }, MediaInfoSchema);
    },

    /** Throws MediaUrlExpiredError on 404: call getMedia again for a fresh URL. */
    async downloadMedia(url: string): Promise<DownloadedMedia> {
      return downloadBinary(http, url);
    },

    listTemplates,

    /** Follows the paging to the end; status filtering (only APPROVED is sendable) is the caller's. */
    async listAllTemplates(
      wabaId: string,
      opts: { limit?: number } = {},
    ): Promise<TemplatePage['templates']> {
      const all: TemplatePage['templates'] = [];
      const seen = new Set<string>();
      let after: string | undefined;
      for (let page = 0; page < MAX_TEMPLATE_PAGES; page++) {
        const result = await listTemplates(wabaId, after === undefined ? opts : { ...opts, after });
        all.push(...result.templates);
        if (result.after === undefined || seen.has(result.after)) return all;
        seen.add(result.after);
        after = result.after;
      }
      return all;
    },
  };
}

export type WhatsAppClient = ReturnType<typeof createWhatsAppClient>;
