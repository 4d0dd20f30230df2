// Inbound message payloads by type (reference §2.4) → MessageContent. A known type with a broken
// payload, or a type this parser does not know, becomes kind 'unknown' plus a problem, so the message
// itself (its id, sender and timestamp: enough to dedupe and to refresh the window) is never lost.
// A known type whose payload is missing while Meta reports an error (131051, 131000) is unsupported.
import type { z } from 'zod';
import type { MediaKind, MessageContent, MessageContext } from './events';
import { compact, isRecord, type ProblemList } from './problems';
import {
  ButtonPayloadSchema,
  ContactsPayloadSchema,
  ContextSchema,
  INTERACTIVE_TYPES,
  InteractivePayloadSchema,
  LocationPayloadSchema,
  MediaPayloadSchema,
  OrderPayloadSchema,
  ReactionPayloadSchema,
  SystemPayloadSchema,
  TextPayloadSchema,
  UnsupportedPayloadSchema,
} from './schemas';

const MEDIA_KINDS: readonly string[] = ['image', 'video', 'audio', 'document', 'sticker'];

function isMediaKind(type: string): type is MediaKind {
  return MEDIA_KINDS.includes(type);
}

function checked<S extends z.ZodType>(
  schema: S,
  payload: unknown,
  type: string,
  path: string,
  problems: ProblemList,
  map: (data: z.output<S>) => MessageContent,
): MessageContent {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return map(parsed.data);
  problems.fromZod(`${path}.${type}`, parsed.error);
  return { kind: 'unknown', rawType: type, malformed: true };
}

/** Content of one message whose basics (`from`, `id`, `timestamp`, `type`) already validated. */
export function parseContent(
  raw: Record<string, unknown>,
  type: string,
  path: string,
  problems: ProblemList,
  withErrors = false,
): MessageContent {
  const payload = raw[type];
  // Meta could not render the message for us and says so in `errors`: nothing is broken on our side.
  if (payload === undefined && withErrors) return { kind: 'unsupported', unsupportedType: type };
  const run = <S extends z.ZodType>(schema: S, map: (data: z.output<S>) => MessageContent) =>
    checked(schema, payload, type, path, problems, map);

  if (isMediaKind(type)) {
    return run(MediaPayloadSchema, (m) =>
      compact({
        kind: type,
        mediaId: m.id,
        mimeType: m.mime_type,
        sha256: m.sha256,
        caption: m.caption,
        filename: m.filename,
        url: m.url,
        voice: m.voice,
        animated: m.animated,
      }),
    );
  }
  switch (type) {
    case 'text':
      return run(TextPayloadSchema, (t) => ({ kind: 'text', body: t.body }));
    case 'button':
      return run(ButtonPayloadSchema, (b) => ({ kind: 'button', payload: b.payload, text: b.text }));
    case 'interactive':
      if (
        isRecord(payload) &&
        typeof payload.type === 'string' &&
        !INTERACTIVE_TYPES.includes(payload.type)
      ) {
        return unknownType(`interactive.${payload.type}`, `${path}.interactive.type`, problems);
      }
      return run(InteractivePayloadSchema, (i) => {
        if (i.type === 'button_reply') return { kind: 'button_reply', ...i.button_reply };
        if (i.type === 'list_reply') return compact({ kind: 'list_reply', ...i.list_reply });
        const { response_json, body, name } = i.nfm_reply;
        return compact({ kind: 'flow_reply', responseJson: response_json, body, name });
      });
    case 'reaction':
      return run(ReactionPayloadSchema, (r) => ({
        kind: 'reaction',
        messageId: r.message_id,
        emoji: r.emoji ? r.emoji : null,
      }));
    case 'location':
      return run(LocationPayloadSchema, (l) => compact({ kind: 'location', ...l }));
    case 'contacts':
      return run(ContactsPayloadSchema, (cards) => ({
        kind: 'contacts',
        contacts: cards.map((card) =>
          compact({
            name: card.name?.formatted_name,
            phones: (card.phones ?? []).map((p) => compact({ phone: p.phone, waId: p.wa_id })),
          }),
        ),
      }));
    case 'order':
      return run(OrderPayloadSchema, (o) =>
        compact({
          kind: 'order',
          catalogId: o.catalog_id,
          text: o.text,
          items: o.product_items.map((item) => ({
            productRetailerId: item.product_retailer_id,
            quantity: item.quantity,
            itemPrice: item.item_price,
            currency: item.currency,
          })),
        }),
      );
    case 'system':
      return run(SystemPayloadSchema, (s) =>
        compact({ kind: 'system', systemType: s.type, body: s.body, newWaId: s.wa_id ?? s.new_wa_id }),
      );
    case 'request_welcome':
      return { kind: 'request_welcome' };
    case 'unknown': // the legacy name of `unsupported` (error 131051)
    case 'unsupported':
      // Older payloads carry only `errors` (131051) and no `unsupported` object.
      return payload === undefined
        ? { kind: 'unsupported' }
        : run(UnsupportedPayloadSchema, (u) => compact({ kind: 'unsupported', unsupportedType: u.type }));
    default:
      return unknownType(type, `${path}.type`, problems);
  }
}

/** A type (or interactive subtype) newer than this parser: a placeholder, reported as unknown_type. */
function unknownType(rawType: string, path: string, problems: ProblemList): MessageContent {
  problems.add(path, `message type '${rawType}' is not handled`, 'unknown_type');
  return { kind: 'unknown', rawType, malformed: false };
}

/** The `context` of a reply, tap or forward; a malformed context is reported and left out. */
export function parseContext(raw: unknown, path: string, problems: ProblemList): MessageContext | undefined {
  if (raw === undefined) return undefined;
  const parsed = ContextSchema.safeParse(raw);
  if (!parsed.success) {
    problems.fromZod(`${path}.context`, parsed.error);
    return undefined;
  }
  const c = parsed.data;
  return compact({
    from: c.from,
    messageId: c.id,
    forwarded: c.forwarded,
    frequentlyForwarded: c.frequently_forwarded,
    referredProduct: c.referred_product && {
      catalogId: c.referred_product.catalog_id,
      productRetailerId: c.referred_product.product_retailer_id,
    },
  });
}
