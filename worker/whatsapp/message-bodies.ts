// Request bodies for `POST /{version}/{phone-number-id}/messages`, built to reference §1, with Meta's
// clear limits checked locally so a bad request never reaches the network (WhatsAppValidationError).
import { WhatsAppValidationError } from './errors';

export interface MessageOptions {
  /** wamid of the message to quote (reference §1.7). */
  replyTo?: string;
  /** Echoed back in this message's status webhooks: our id for reconciling uncertain sends (SPEC I4). */
  bizOpaqueCallbackData?: string;
}

export interface TextOptions extends MessageOptions {
  /** Render a preview of the first http(s) URL in the body. */
  previewUrl?: boolean;
}

export interface ImageContent {
  mediaId: string;
  caption?: string;
}

export interface TemplateContent {
  name: string;
  /** Language code of the approved template, e.g. `en_US`. */
  language: string;
  /** Positional parameters of a TEXT header with a variable ({{1}}). */
  headerParams?: string[];
  /** The picture or document of an IMAGE / DOCUMENT header, by uploaded Meta media id. */
  headerMedia?: { type: 'image' | 'document'; mediaId: string; filename?: string };
  /** Positional body parameters, in placeholder order ({{1}}, {{2}} ...). */
  bodyParams?: string[];
  /** Payloads of the template's quick-reply buttons, by button index. */
  quickReplyPayloads?: string[];
}

export interface ReplyButton {
  id: string;
  title: string;
}

export interface InteractiveButtonsContent {
  body: string;
  buttons: ReplyButton[];
  /** A text header. */
  header?: string;
  footer?: string;
}

export type MessageBody = Record<string, unknown>;

export const LIMITS = {
  textBody: 4096,
  caption: 1024,
  interactiveBody: 1024,
  headerText: 60,
  footer: 60,
  buttonTitle: 20,
  buttonId: 256,
  minButtons: 1,
  maxButtons: 3,
  templateName: 512,
  callbackData: 512,
  messageId: 128,
} as const;

/** Length in characters as a person counts them (code points, so an emoji is one). */
function charLength(value: string): number {
  return [...value].length;
}

function requireText(field: string, value: string, max: number): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new WhatsAppValidationError(field, 'must be a non-empty string');
  }
  const length = charLength(value);
  if (length > max) throw new WhatsAppValidationError(field, `is ${length} characters; the limit is ${max}`);
}

function requireNonEmpty(field: string, value: string): void {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new WhatsAppValidationError(field, 'must be a non-empty string');
  }
}

function optionalText(field: string, value: string | undefined, max: number): void {
  if (value !== undefined) requireText(field, value, max);
}

const PHONE_FORMATTING = /^\+[\d\s()-]+$/;
/**
 * A business-scoped user id: ISO country code, a dot, up to 128 alphanumerics (`US.13491208655302741918`);
 * a parent BSUID has `ENT.` after the country. The `user.…` form is an older spelling in Meta's docs.
 */
export const BSUID = /^(?:[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}|user\.\S+)$/;

/**
 * `to` must carry its country code: Meta prepends the *business* number's country code to a number
 * without `+` (reference §1.1), which would message a stranger. A business-scoped user id is also allowed.
 */
export function checkRecipient(to: string): void {
  if (typeof to !== 'string' || (!BSUID.test(to) && !PHONE_FORMATTING.test(to))) {
    throw new WhatsAppValidationError('to', 'must be a phone number starting with + and its country code');
  }
  if (BSUID.test(to)) return;
  const digits = to.replace(/\D/g, '').length;
  if (digits < 7 || digits > 15) throw new WhatsAppValidationError('to', 'must have 7 to 15 digits');
}

function envelope(to: string, type: string, payload: unknown, opts: MessageOptions | undefined): MessageBody {
  checkRecipient(to);
  const body: MessageBody = { messaging_product: 'whatsapp', recipient_type: 'individual', to, type };
  body[type] = payload;
  if (opts?.replyTo !== undefined) {
    requireText('replyTo', opts.replyTo, LIMITS.messageId);
    body.context = { message_id: opts.replyTo };
  }
  if (opts?.bizOpaqueCallbackData !== undefined) {
    requireText('bizOpaqueCallbackData', opts.bizOpaqueCallbackData, LIMITS.callbackData);
    body.biz_opaque_callback_data = opts.bizOpaqueCallbackData;
  }
  return body;
}

export function textBody(to: string, text: string, opts?: TextOptions): MessageBody {
  requireText('text.body', text, LIMITS.textBody);
  const payload: Record<string, unknown> = { body: text };
  if (opts?.previewUrl !== undefined) payload.preview_url = opts.previewUrl;
  return envelope(to, 'text', payload, opts);
}

export function imageBody(to: string, image: ImageContent, opts?: MessageOptions): MessageBody {
  requireNonEmpty('image.id', image.mediaId);
  optionalText('image.caption', image.caption, LIMITS.caption);
  const payload: Record<string, unknown> = { id: image.mediaId };
  if (image.caption !== undefined) payload.caption = image.caption;
  return envelope(to, 'image', payload, opts);
}

/** The `header` component (reference §1.4): text parameters, or one image / document by media id. */
function headerComponent(template: TemplateContent): Record<string, unknown> | null {
  const texts = template.headerParams ?? [];
  texts.forEach((param, i) => {
    if (typeof param !== 'string' || param.length === 0) {
      throw new WhatsAppValidationError(`headerParams[${i}]`, 'must be a non-empty string');
    }
  });
  const media = template.headerMedia;
  if (media && texts.length > 0) {
    throw new WhatsAppValidationError(
      'headerMedia',
      'a header has either text parameters or media, not both',
    );
  }
  if (media) {
    requireNonEmpty('headerMedia.mediaId', media.mediaId);
    const object: Record<string, string> = { id: media.mediaId };
    if (media.type === 'document' && media.filename) object.filename = media.filename;
    return { type: 'header', parameters: [{ type: media.type, [media.type]: object }] };
  }
  if (texts.length === 0) return null;
  return { type: 'header', parameters: texts.map((text) => ({ type: 'text', text })) };
}

export function templateBody(to: string, template: TemplateContent, opts?: MessageOptions): MessageBody {
  requireText('template.name', template.name, LIMITS.templateName);
  if (!/^[a-z0-9_]+$/.test(template.name)) {
    throw new WhatsAppValidationError('template.name', 'must be lowercase letters, digits and _');
  }
  requireNonEmpty('template.language', template.language);
  const components: unknown[] = [];
  const header = headerComponent(template);
  if (header) components.push(header);
  const bodyParams = template.bodyParams ?? [];
  bodyParams.forEach((param, i) => {
    if (typeof param !== 'string') throw new WhatsAppValidationError(`bodyParams[${i}]`, 'must be a string');
  });
  if (bodyParams.length > 0) {
    components.push({ type: 'body', parameters: bodyParams.map((text) => ({ type: 'text', text })) });
  }
  (template.quickReplyPayloads ?? []).forEach((payload, index) => {
    requireText(`quickReplyPayloads[${index}]`, payload, LIMITS.buttonId);
    components.push({
      type: 'button',
      sub_type: 'quick_reply',
      index: String(index),
      parameters: [{ type: 'payload', payload }],
    });
  });
  const payload: Record<string, unknown> = { name: template.name, language: { code: template.language } };
  if (components.length > 0) payload.components = components;
  return envelope(to, 'template', payload, opts);
}

function checkButtons(buttons: ReplyButton[]): void {
  if (!Array.isArray(buttons) || buttons.length < LIMITS.minButtons || buttons.length > LIMITS.maxButtons) {
    throw new WhatsAppValidationError('buttons', 'must hold 1 to 3 buttons');
  }
  const ids = new Set<string>();
  const titles = new Set<string>();
  buttons.forEach((button, i) => {
    requireText(`buttons[${i}].id`, button.id, LIMITS.buttonId);
    requireText(`buttons[${i}].title`, button.title, LIMITS.buttonTitle);
    if (ids.has(button.id)) throw new WhatsAppValidationError(`buttons[${i}].id`, 'must be unique');
    if (titles.has(button.title)) throw new WhatsAppValidationError(`buttons[${i}].title`, 'must be unique');
    ids.add(button.id);
    titles.add(button.title);
  });
}

export function interactiveButtonsBody(
  to: string,
  content: InteractiveButtonsContent,
  opts?: MessageOptions,
): MessageBody {
  requireText('interactive.body', content.body, LIMITS.interactiveBody);
  optionalText('interactive.header', content.header, LIMITS.headerText);
  optionalText('interactive.footer', content.footer, LIMITS.footer);
  checkButtons(content.buttons);
  const payload: Record<string, unknown> = { type: 'button' };
  if (content.header !== undefined) payload.header = { type: 'text', text: content.header };
  payload.body = { text: content.body };
  if (content.footer !== undefined) payload.footer = { text: content.footer };
  payload.action = {
    buttons: content.buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })),
  };
  return envelope(to, 'interactive', payload, opts);
}

export function markAsReadBody(messageId: string): MessageBody {
  requireText('messageId', messageId, LIMITS.messageId);
  return { messaging_product: 'whatsapp', status: 'read', message_id: messageId };
}
