// The webhook side of the Cloud API: handshake, signature check over raw bytes, typed events.
export type * from './events';
export { type HandshakeQuery, type HandshakeResult, verifyHandshake } from './handshake';
export { parseWebhook } from './parse';
export { isDeadLetterProblem } from './problems';
export { SIGNATURE_HEADER, signBody, verifySignature } from './signature';
