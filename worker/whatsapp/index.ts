// Public surface of the WhatsApp Cloud API module: the typed client, its errors, and the webhook side.
export {
  createWhatsAppClient,
  type ListTemplatesOptions,
  type WhatsAppClient,
  type WhatsAppClientConfig,
} from './client';
export {
  MediaUrlExpiredError,
  parseApiError,
  type TransportFailure,
  WhatsAppApiError,
  WhatsAppTransportError,
  WhatsAppValidationError,
} from './errors';
export type { DownloadedMedia } from './http';
export type {
  ImageContent,
  InteractiveButtonsContent,
  MessageOptions,
  ReplyButton,
  TemplateContent,
  TextOptions,
} from './message-bodies';
export type { MediaInfo, SendResult, TemplateComponent, TemplateInfo, TemplatePage } from './responses';
export * from './webhook';
