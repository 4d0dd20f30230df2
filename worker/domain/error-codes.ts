// Cloud API error codes → what Greenline does about them (SPEC §6, reference §6), with the
// plain-language reason and next step a salesperson sees (B9). Branch on codes, never HTTP statuses.

export type ErrorAction =
  /** Transient: retry with jittered exponential backoff. */
  | 'retry'
  /** 131056 pair rate limit: retry the same recipient after 4^x seconds. */
  | 'retry_pair'
  /** Account-level: pause the number's sending and alert admins; queued messages wait. */
  | 'pause_number'
  /** 131047: the window closed; back to the queue until the customer writes again. */
  | 'requeue_window'
  /** 131026: the recipient cannot receive WhatsApp messages. */
  | 'not_on_whatsapp'
  /** Anything else: the message failed for good. */
  | 'final';

export interface ErrorDecision {
  code: number;
  action: ErrorAction;
  reason: string;
  nextStep: string;
}

type Entry = [ErrorAction, string, string];

const RETRY_LATER = 'Greenline retries automatically; nothing to do.';
const ASK_ADMIN = 'Ask your Greenline admin to check the WhatsApp number settings.';

const TABLE: Readonly<Record<number, Entry>> = {
  0: ['pause_number', 'WhatsApp refused the number’s credentials.', ASK_ADMIN],
  2: ['retry', 'WhatsApp is temporarily unavailable.', RETRY_LATER],
  3: ['pause_number', 'The WhatsApp app lacks a permission for this action.', ASK_ADMIN],
  4: ['retry', 'Too many requests to WhatsApp right now.', RETRY_LATER],
  10: ['pause_number', 'WhatsApp denied permission for this action.', ASK_ADMIN],
  100: [
    'final',
    'WhatsApp rejected the message as invalid.',
    'Check the message and try again; contact support if it persists.',
  ],
  190: [
    'pause_number',
    'The WhatsApp access token has expired.',
    'Ask your Greenline admin to renew the access token.',
  ],
  368: ['pause_number', 'WhatsApp temporarily blocked the number for policy violations.', ASK_ADMIN],
  80007: ['retry', 'The WhatsApp account reached its rate limit.', RETRY_LATER],
  130429: ['retry', 'The number is sending faster than WhatsApp allows.', RETRY_LATER],
  130472: [
    'final',
    'WhatsApp did not deliver this message (the customer is part of a WhatsApp experiment).',
    'Try again later or reach the customer another way.',
  ],
  130497: ['final', 'The business cannot message customers in this country.', ASK_ADMIN],
  131000: ['retry', 'Something went wrong at WhatsApp.', RETRY_LATER],
  131005: ['pause_number', 'WhatsApp denied access to the business account.', ASK_ADMIN],
  131008: ['final', 'The message was missing a required part.', 'Check the message and try again.'],
  131009: ['final', 'Part of the message was not valid.', 'Check the message and try again.'],
  131016: ['retry', 'WhatsApp is temporarily unavailable.', RETRY_LATER],
  131021: [
    'final',
    'The customer’s number is the business number itself.',
    'Check the contact’s phone number.',
  ],
  131026: [
    'not_on_whatsapp',
    'This number cannot receive WhatsApp messages.',
    'Send an SMS instead, or try again in 24 hours.',
  ],
  131030: ['final', 'The number is not on the test allow-list of this WhatsApp account.', ASK_ADMIN],
  131031: ['pause_number', 'The WhatsApp business account has been locked.', ASK_ADMIN],
  131037: ['pause_number', 'The number’s display name is not approved yet.', ASK_ADMIN],
  131042: [
    'pause_number',
    'There is a payment problem with the WhatsApp account.',
    'Ask your Greenline admin to fix the billing in Meta Business Manager.',
  ],
  131045: ['pause_number', 'The number’s registration certificate is invalid.', ASK_ADMIN],
  131047: [
    'requeue_window',
    'More than 24 hours have passed since the customer last wrote.',
    'Send a template; the message goes out when the customer writes again.',
  ],
  131048: [
    'final',
    'WhatsApp limited the number because of spam reports.',
    'Slow down and review message quality with your admin.',
  ],
  131049: [
    'final',
    'WhatsApp chose not to deliver this message to keep engagement healthy.',
    'Wait at least 24 hours before sending another template.',
  ],
  131050: [
    'final',
    'The customer has stopped marketing messages from this business.',
    'Send only service messages, or wait for the customer to write.',
  ],
  131051: ['final', 'WhatsApp does not support this type of message.', 'Send text or a picture instead.'],
  131052: ['final', 'The customer’s media could not be downloaded.', 'Ask the customer to send it again.'],
  131053: ['final', 'The picture could not be processed by WhatsApp.', 'Send a JPEG or PNG under 5 MB.'],
  131056: ['retry_pair', 'Too many messages to this customer in a short time.', RETRY_LATER],
  131062: [
    'final',
    'Authentication templates cannot go to a customer who uses a WhatsApp username.',
    'Send it to their phone number, or use another template.',
  ],
  131057: ['retry', 'The WhatsApp account is in maintenance.', RETRY_LATER],
  132000: [
    'final',
    'The template’s fields do not match the approved template.',
    'Fill every field of the template and send again.',
  ],
  132001: [
    'final',
    'This template does not exist or is not approved.',
    'Ask your admin to sync templates, then pick an approved one.',
  ],
  132005: ['final', 'The template text is too long once filled in.', 'Shorten the fields and send again.'],
  132007: [
    'final',
    'The template’s fields break WhatsApp’s formatting rules.',
    'Remove line breaks, tabs and long spaces from the fields.',
  ],
  132012: ['final', 'A template field has the wrong format.', 'Check the template fields and send again.'],
  132015: ['final', 'The template is paused by WhatsApp for low quality.', 'Pick another template.'],
  132016: ['final', 'The template is disabled by WhatsApp.', 'Pick another template.'],
  132018: ['final', 'The template’s fields are not valid.', 'Check the template fields and send again.'],
  133004: ['retry', 'WhatsApp is temporarily unavailable.', RETRY_LATER],
  133010: ['pause_number', 'The business number is not registered with WhatsApp.', ASK_ADMIN],
  135000: [
    'final',
    'WhatsApp could not send the message.',
    'Try again later; contact support if it persists.',
  ],
};

const UNKNOWN: Entry = [
  'final',
  'WhatsApp could not send the message.',
  'Try again later; contact support if it persists.',
];

/** The one place that decides what an error code means for a message and the number. */
export function decideError(code: number): ErrorDecision {
  const known = TABLE[code];
  if (known) return { code, action: known[0], reason: known[1], nextStep: known[2] };
  if (code >= 200 && code <= 299) {
    return {
      code,
      action: 'pause_number',
      reason: 'The WhatsApp app lacks a permission for this number.',
      nextStep: ASK_ADMIN,
    };
  }
  return { code, action: UNKNOWN[0], reason: UNKNOWN[1], nextStep: UNKNOWN[2] };
}

/** Codes the table knows, for tests and documentation. */
export const KNOWN_ERROR_CODES: readonly number[] = Object.keys(TABLE).map(Number);
