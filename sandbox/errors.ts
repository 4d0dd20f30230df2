// Meta's error catalogue (reference §6) and the two shapes errors take: the synchronous Graph envelope
// (`{error:{message,type,code,error_data,fbtrace_id}}`) and the webhook error object
// (`{code,title,message,error_data:{details},href}`) used in failed statuses.

export interface ErrorInfo {
  title: string;
  http: number;
  details: string;
}

export const ERROR_HREF = 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/';

export const ERROR_CATALOG: Record<number, ErrorInfo> = {
  2: { title: 'API Service', http: 503, details: 'Temporary due to downtime or due to being overloaded.' },
  4: { title: 'API Too Many Calls', http: 400, details: 'The app has reached its API call rate limit.' },
  100: {
    title: 'Invalid parameter',
    http: 400,
    details: 'The request included one or more invalid parameters.',
  },
  190: { title: 'Access token has expired', http: 401, details: 'Your access token is invalid or expired.' },
  368: {
    title: 'Temporarily blocked for policies violations',
    http: 403,
    details: 'The WhatsApp Business Account was restricted for violating a platform policy.',
  },
  80007: {
    title: 'Rate limit issues',
    http: 400,
    details: 'The WhatsApp Business Account reached its rate limit.',
  },
  130429: { title: 'Rate limit hit', http: 400, details: 'Cloud API message throughput has been reached.' },
  130472: {
    title: "User's number is part of an experiment",
    http: 400,
    details: "Failed to send message because this user's phone number is part of an experiment.",
  },
  131000: {
    title: 'Something went wrong',
    http: 500,
    details: 'Message failed to send due to an unknown error.',
  },
  131005: {
    title: 'Access denied',
    http: 403,
    details: 'Permission is either not granted or has been removed.',
  },
  131008: {
    title: 'Required parameter is missing',
    http: 400,
    details: 'The request is missing a required parameter.',
  },
  131009: {
    title: 'Parameter value is not valid',
    http: 400,
    details: 'One or more parameter values are invalid.',
  },
  131016: { title: 'Service unavailable', http: 500, details: 'A service is temporarily unavailable.' },
  131021: {
    title: 'Recipient cannot be sender',
    http: 400,
    details: 'Sender and recipient phone number is the same.',
  },
  131026: {
    title: 'Message Undeliverable',
    http: 400,
    details:
      'Unable to deliver message. The recipient may not be a WhatsApp user or has not accepted the terms.',
  },
  131030: {
    title: 'Recipient phone number not in allowed list',
    http: 400,
    details: 'Add the number to the allowed list.',
  },
  131031: {
    title: 'Account has been locked',
    http: 403,
    details: 'The WhatsApp Business Account is restricted or disabled.',
  },
  131042: {
    title: 'Business eligibility payment issue',
    http: 400,
    details: 'There was an error related to your payment method.',
  },
  131047: {
    title: 'Re-engagement message',
    http: 400,
    details:
      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  131048: {
    title: 'Spam rate limit hit',
    http: 400,
    details:
      'Message failed to send because there are restrictions on how many messages can be sent from this phone number.',
  },
  131049: {
    title: 'This message was not delivered to maintain healthy ecosystem engagement.',
    http: 400,
    details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
  },
  131050: {
    title: 'User has stopped marketing messages',
    http: 400,
    details: 'The user has chosen to stop receiving marketing messages.',
  },
  131051: { title: 'Unsupported message type', http: 400, details: 'Unsupported message type.' },
  131062: {
    title: 'Business-scoped user ID recipients not supported for authentication templates',
    http: 400,
    details: 'Authentication templates cannot be sent to a business-scoped user ID; send to a phone number.',
  },
  131053: {
    title: 'Media upload error',
    http: 400,
    details: 'Unable to upload the media used in the message.',
  },
  131056: {
    title: '(Business Account, Consumer Account) pair rate limit hit',
    http: 400,
    details:
      'Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.',
  },
  131057: {
    title: 'Account in maintenance mode',
    http: 500,
    details: 'Business Account is in maintenance mode.',
  },
  131059: {
    title: 'Invalid paging cursor',
    http: 400,
    details: 'The paging cursor is not valid. Retry without cursors.',
  },
  132000: {
    title: 'Template Param Count Mismatch',
    http: 400,
    details:
      'The number of variable parameter values does not match the number of variable parameters defined.',
  },
  132001: {
    title: 'Template does not exist',
    http: 404,
    details: 'The template does not exist in the specified language or has not been approved.',
  },
  132005: { title: 'Template Hydrated Text Too Long', http: 400, details: 'Translated text is too long.' },
  132007: {
    title: 'Template Format Character Policy Violated',
    http: 400,
    details: 'Template content violates a WhatsApp policy.',
  },
  132012: {
    title: 'Template Parameter Format Mismatch',
    http: 400,
    details: 'Variable parameter values are formatted incorrectly.',
  },
  132015: {
    title: 'Template is Paused',
    http: 400,
    details: 'Template is paused due to low quality so it cannot be sent.',
  },
  132016: {
    title: 'Template is Disabled',
    http: 400,
    details: 'Template has been paused too many times due to low quality and is now permanently disabled.',
  },
  133004: {
    title: 'Server Temporarily Unavailable',
    http: 503,
    details: 'Server is temporarily unavailable.',
  },
  133010: {
    title: 'Phone number Not Registered',
    http: 400,
    details: 'Phone number is not registered on the WhatsApp Business Platform.',
  },
};

export const KNOWN_ERROR_CODES = Object.keys(ERROR_CATALOG).map(Number);

/** Codes Meta reports after a 200, as a `failed` status, rather than in the HTTP response. */
export const ASYNC_BY_DEFAULT = new Set([131026, 131047, 131049, 131050, 131053, 130472]);

export function errorInfo(code: number): ErrorInfo {
  return ERROR_CATALOG[code] ?? { title: 'Unknown error', http: 400, details: 'Unknown error.' };
}

export interface GraphErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_data: { messaging_product: 'whatsapp'; details: string };
    error_subcode?: number;
    fbtrace_id: string;
  };
}

export interface GraphError {
  status: number;
  body: GraphErrorBody;
}

export function graphError(code: number, fbtraceId: string, details?: string, subcode?: number): GraphError {
  const info = errorInfo(code);
  return {
    status: info.http,
    body: {
      error: {
        message: `(#${code}) ${info.title}`,
        type: 'OAuthException',
        code,
        error_data: { messaging_product: 'whatsapp', details: details ?? info.details },
        ...(subcode === undefined ? {} : { error_subcode: subcode }),
        fbtrace_id: fbtraceId,
      },
    },
  };
}

export interface WebhookError {
  code: number;
  title: string;
  message: string;
  error_data: { details: string };
  href: string;
}

export function webhookError(code: number, details?: string): WebhookError {
  const info = errorInfo(code);
  return {
    code,
    title: info.title,
    message: info.title,
    error_data: { details: details ?? info.details },
    href: ERROR_HREF,
  };
}
