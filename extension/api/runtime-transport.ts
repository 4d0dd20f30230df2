// The transport of extension pages (panel, options): every request goes to the background, which adds
// the session and answers with the API's status and body. Pages never hold a token.
import { sendMessage } from '../messaging/protocol';
import type { Transport } from './transport';

export const runtimeTransport: Transport = (request) => sendMessage('api', request);
