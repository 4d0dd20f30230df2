// parseWebhook: one POST body (already signature-checked and JSON-parsed) → a flat list of typed
// events plus the problems found. Never throws on a bad part: every entry, change and item is checked
// on its own, so one broken message does not drop the good ones beside it.
import type { EventOrigin, TemplateStatusEvent, WebhookEvent, WebhookParseResult } from './events';
import { parseMessagesValue } from './parse-messages';
import { compact, keysOf, ProblemList, parsePart } from './problems';
import type { z } from 'zod';
import {
  AccountUpdateValueSchema,
  ChangeSchema,
  EntrySchema,
  EnvelopeSchema,
  NumberQualityValueSchema,
  TemplateQualityValueSchema,
  TemplateStatusValueSchema,
  UserPreferenceSchema,
  UserPreferencesValueSchema,
} from './schemas';

const ENVELOPE_OBJECT = 'whatsapp_business_account';

function parseTemplateStatus(
  raw: unknown,
  wabaId: string,
  time: number | undefined,
  path: string,
  problems: ProblemList,
): WebhookEvent[] {
  const v = parsePart(TemplateStatusValueSchema, raw, path, problems);
  if (!v) return [];
  const event: TemplateStatusEvent = compact({
    type: 'template_status',
    wabaId,
    timestamp: time,
    templateId: v.message_template_id,
    name: v.message_template_name,
    language: v.message_template_language,
    event: v.event,
    reason: v.reason ?? null,
    category: v.message_template_category,
    rejectionInfo: v.rejection_info,
    otherInfo: v.other_info,
  });
  return [event];
}

function parseUserPreferences(
  raw: unknown,
  wabaId: string,
  path: string,
  problems: ProblemList,
): WebhookEvent[] {
  const parsedData = parsePart(UserPreferencesValueSchema, raw, path, problems);
  if (!parsedData) return [];
  const origin: EventOrigin = compact({
    wabaId,
    phoneNumberId: parsedData.metadata?.phone_number_id,
    displayPhoneNumber: parsedData.metadata?.display_phone_number,
  });
  const events: WebhookEvent[] = [];
  parsedData.user_preferences.forEach((item, i) => {
    const pref = UserPreferenceSchema.safeParse(item);
    if (!pref.success) {
      problems.fromZod(`${path}.user_preferences[${i}]`, pref.error);
      return;
    }
    const p = pref.data;
    events.push(
      compact({
        type: 'user_preference',
        ...origin,
        waId: p.wa_id,
        userId: p.user_id,
        category: p.category,
        value: p.value,
        detail: p.detail,
        timestamp: p.timestamp,
      }),
    );
  });
  return events;
}

/** Number health (issue 10 item 5): quality and limit, account, template quality and category. */
function parseHealth(
  field: string,
  raw: unknown,
  wabaId: string,
  time: number | undefined,
  path: string,
  problems: ProblemList,
): WebhookEvent[] {
  const base = compact({ wabaId, timestamp: time });
  if (field === 'phone_number_quality_update') {
    const v = parsed(NumberQualityValueSchema, raw, path, problems);
    if (!v) return [];
    return [
      compact({
        type: 'number_quality' as const,
        ...base,
        displayPhoneNumber: v.display_phone_number,
        event: v.event,
        currentLimit: v.current_limit,
        oldLimit: v.old_limit,
      }),
    ];
  }
  if (field === 'account_update') {
    const v = parsed(AccountUpdateValueSchema, raw, path, problems);
    return v ? [{ type: 'account_update', ...base, event: v.event }] : [];
  }
  const v = parsed(TemplateQualityValueSchema, raw, path, problems);
  if (!v) return [];
  return [
    compact({
      type: 'template_quality' as const,
      ...base,
      templateId: v.message_template_id,
      name: v.message_template_name,
      language: v.message_template_language,
      previousScore: v.previous_quality_score,
      newScore: v.new_quality_score,
      newCategory: v.new_category,
    }),
  ];
}

function parsed<S extends z.ZodType>(schema: S, raw: unknown, path: string, problems: ProblemList) {
  const result = schema.safeParse(raw);
  if (result.success) return result.data as z.output<S>;
  problems.fromZod(path, result.error);
  return undefined;
}

function parseChange(
  raw: unknown,
  wabaId: string,
  time: number | undefined,
  path: string,
  problems: ProblemList,
): WebhookEvent[] {
  const changeData = parsePart(ChangeSchema, raw, path, problems);
  if (!changeData) return [];
  const { field, value } = changeData;
  const valuePath = `${path}.value`;
  switch (field) {
    case 'messages':
      return parseMessagesValue(value, wabaId, valuePath, problems);
    case 'message_template_status_update':
      return parseTemplateStatus(value, wabaId, time, valuePath, problems);
    case 'user_preferences':
      return parseUserPreferences(value, wabaId, valuePath, problems);
    case 'phone_number_quality_update':
    case 'account_update':
    case 'message_template_quality_update':
    case 'template_category_update':
      return parseHealth(field, value, wabaId, time, valuePath, problems);
    default:
      problems.add(`${path}.field`, `change field '${field}' is not handled`, 'unknown_field');
      return [];
  }
}

export function parseWebhook(json: unknown): WebhookParseResult {
  const problems = new ProblemList();
  const events: WebhookEvent[] = [];
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    problems.fromZod('', envelope.error);
    return { events, problems: problems.items };
  }
  if (envelope.data.object !== ENVELOPE_OBJECT) {
    problems.add('object', `expected '${ENVELOPE_OBJECT}', got '${envelope.data.object}'`);
    return { events, problems: problems.items };
  }
  problems.unknownKeys('', json, keysOf(EnvelopeSchema));
  envelope.data.entry.forEach((rawEntry, i) => {
    const path = `entry[${i}]`;
    const entry = EntrySchema.safeParse(rawEntry);
    if (!entry.success) {
      problems.fromZod(path, entry.error);
      return;
    }
    problems.unknownKeys(path, rawEntry, keysOf(EntrySchema));
    entry.data.changes.forEach((rawChange, j) => {
      events.push(
        ...parseChange(rawChange, entry.data.id, entry.data.time, `${path}.changes[${j}]`, problems),
      );
    });
  });
  return { events, problems: problems.items };
}
