// parseWebhook against the genuine webhook bodies other projects and Meta publish
// (../shared/webhook-corpus, read at test time, never copied here). Every genuine payload yields one
// event per item it carries (message, status, error, preference, template status) and nothing worth a
// dead letter; the three placeholder payloads the corpus README names are refused with a clear problem.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isDeadLetterProblem, parseWebhook } from '../../worker/whatsapp';

/**
 * Where the corpus is: GREENLINE_WEBHOOK_CORPUS, else `../shared/webhook-corpus` beside the repository
 * (the workspace layout), else the workspace's absolute path. A clone elsewhere on a machine without
 * the workspace (a clean CI machine) has no corpus: the suite then says so and does not run.
 */
const CORPUS = [
  process.env.GREENLINE_WEBHOOK_CORPUS,
  resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/webhook-corpus'),
  '/work/shared/webhook-corpus',
].find((dir): dir is string => !!dir && existsSync(dir));

const PLACEHOLDERS: Record<string, RegExp> = {
  'netflie__tests_Unit_WebHook_NotificationFactoryTest.php__can_build_a_location_notification.json':
    /location\.latitude: expected a latitude/,
  'netflie__tests_Unit_WebHook_NotificationFactoryTest.php__can_build_an_order_notification.json':
    /quantity: expected a whole number/,
  'pywa@34ab0c23b499__tests_data_updates_user_preferences.json__user_preferences.json':
    /user_preferences\[0\]\.wa_id: user preference names no customer/,
};

/** Change fields Greenline does not subscribe to or read yet: logged as unknown, no events. */
const LOGGED_FIELDS = ['calls', 'smb_message_echoes', 'message_template_components_update'];

/** Number health (issue 10 item 5): one event per change. */
const ONE_EVENT_FIELDS = [
  'message_template_status_update',
  'phone_number_quality_update',
  'account_update',
  'message_template_quality_update',
  'template_category_update',
];

if (!CORPUS) {
  console.warn('webhook corpus not found (set GREENLINE_WEBHOOK_CORPUS): the corpus suites do not run here');
}
const files = CORPUS
  ? readdirSync(CORPUS)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];
const load = (file: string): unknown => JSON.parse(readFileSync(resolve(CORPUS ?? '', file), 'utf8'));

type Json = Record<string, unknown>;
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** How many events a payload carries, counted from the raw JSON independently of the parser. */
function expectedEvents(body: unknown): number {
  let n = 0;
  for (const entry of asList((body as Json).entry)) {
    for (const change of asList((entry as Json).changes)) {
      const { field, value } = change as { field: string; value: Json };
      if (field === 'messages') {
        n += asList(value.messages).length + asList(value.statuses).length + asList(value.errors).length;
      } else if (field === 'user_preferences') n += asList(value.user_preferences).length;
      else if (ONE_EVENT_FIELDS.includes(field)) n += 1;
    }
  }
  return n;
}

function changeFields(body: unknown): string[] {
  return asList((body as Json).entry).flatMap((entry) =>
    asList((entry as Json).changes).map((c) => String((c as Json).field)),
  );
}

const genuine = files.filter((f) => !(f in PLACEHOLDERS));

describe.runIf(CORPUS)('the genuine webhook corpus', () => {
  it('is there, whole: 198 payloads including the three placeholders', () => {
    expect(files.length).toBeGreaterThanOrEqual(198);
    for (const name of Object.keys(PLACEHOLDERS)) expect(files).toContain(name);
  });

  it.each(genuine)('%s: its events, nothing to dead-letter', (file) => {
    const body = load(file);
    const { events, problems } = parseWebhook(body);
    expect(problems.filter(isDeadLetterProblem)).toEqual([]);
    expect(events).toHaveLength(expectedEvents(body));
    for (const field of changeFields(body)) {
      if (LOGGED_FIELDS.includes(field)) {
        expect(problems).toContainEqual(expect.objectContaining({ kind: 'unknown_field' }));
      }
    }
    for (const e of events) {
      // Every customer is named somehow: a phone / wa_id, or a business-scoped user id.
      if (e.type === 'message') expect(e.from ?? e.waId ?? e.userId).toBeTruthy();
    }
  });

  it.each(Object.entries(PLACEHOLDERS))('%s: refused with a clear problem', (file, reason) => {
    const body = load(file);
    const { events, problems } = parseWebhook(body);
    const letters = problems.filter(isDeadLetterProblem);
    expect(letters.map((p) => `${p.path}: ${p.message}`).join('\n')).toMatch(reason);
    // The refused item yields no usable event of its kind.
    expect(events.filter((e) => e.type !== 'message' || e.content.kind !== 'unknown')).toHaveLength(
      expectedEvents(body) - 1,
    );
  });
});

const only = (file: string) => {
  const { events, problems } = parseWebhook(load(file));
  expect(events).toHaveLength(1);
  return { event: events[0], problems };
};

describe.runIf(CORPUS)('what the genuine 2026 shapes carry', () => {
  it('a username customer with a hidden phone: no from, no wa_id; BSUID, parent and username kept', () => {
    const { event } = only(
      'whatsapp-api-js__payloads.test.js__v25_incoming_message_with_username_has_parent_bsuid.json',
    );
    expect(event).toMatchObject({
      type: 'message',
      userId: 'US.13491208655302741918',
      parentUserId: 'US.ENT.506847293015824',
      username: '@testusername',
      profileName: 'test user name',
      content: { kind: 'text', body: 'this is a text message' },
    });
    expect(event).not.toHaveProperty('from');
    expect(event).not.toHaveProperty('waId');
  });

  it('a message naming its sender only by contacts[].user_id is first-class', () => {
    const { event } = only(
      'netflie__tests_Unit_WebHook_NotificationFactoryTest.php__can_build_a_notification_with_bsuid_only_and_no_from.json',
    );
    expect(event).toMatchObject({ type: 'message', userId: 'BSUID_123', content: { kind: 'text' } });
  });

  it('a status sent to a BSUID names the recipient by BSUID and parent', () => {
    const { event } = only(
      'whatsapp-api-js__payloads.test.js__v25_delivered_status_with_username_has_parent_bsuid_was_sent_to_bsuid.json',
    );
    expect(event).toMatchObject({
      type: 'status',
      status: 'delivered',
      recipientUserId: 'US.13491208655302741918',
      recipientParentUserId: expect.stringMatching(/^US\.ENT\./),
    });
  });

  it('an interactive subtype the parser does not know is an unknown-type placeholder, not malformed', () => {
    const { event, problems } = only('pywa__tests_data_updates_call_permission_update.json__accept.json');
    expect(event).toMatchObject({
      content: { kind: 'unknown', rawType: 'interactive.call_permission_reply', malformed: false },
    });
    expect(problems).toEqual([expect.objectContaining({ kind: 'unknown_type' })]);
  });

  it('the legacy type `unknown` (131051) is unsupported', () => {
    const { event, problems } = only(
      'netflie__tests_Unit_WebHook_NotificationFactoryTest.php__can_build_an_unknown_notification.json',
    );
    expect(event).toMatchObject({ content: { kind: 'unsupported' }, errors: [{ code: 131051 }] });
    expect(problems).toEqual([]);
  });

  it('request_welcome: the customer opened the chat', () => {
    const { event, problems } = only(
      'pywa@709713635f65__tests_data_updates_chat_opened.json__chat_opened.json',
    );
    expect(event).toMatchObject({
      type: 'message',
      waId: '972987654321',
      content: { kind: 'request_welcome' },
    });
    expect(problems).toEqual([]);
  });

  it('user_changed_number carries the new wa_id', () => {
    const { event } = only('meta-docs__webhooks_reference_messages_system__user_changed_number.json');
    expect(event).toMatchObject({
      from: '16505551234',
      content: { kind: 'system', systemType: 'user_changed_number', newWaId: '12195555358' },
    });
  });

  it('a marketing sign-up preference (value `signup`) is accepted as it comes', () => {
    const { event, problems } = only('pywa__tests_data_updates_user_marketing_preferences.json__signup.json');
    expect(event).toMatchObject({ type: 'user_preference', value: 'signup', category: 'marketing_messages' });
    expect(problems.filter(isDeadLetterProblem)).toEqual([]);
  });

  it('an interactive message Meta could not render (value.errors 131000) is unsupported, not malformed', () => {
    const { events, problems } = parseWebhook(
      load('pywa__tests_data_updates_message.json__interactive_message_with_err.json'),
    );
    expect(events[0]).toMatchObject({ content: { kind: 'unsupported', unsupportedType: 'interactive' } });
    expect(events[1]).toMatchObject({ type: 'error', error: { code: 131000 } });
    expect(problems).toEqual([]);
  });
});

describe.runIf(CORPUS)('number health (issue 10 item 5)', () => {
  it('phone_number_quality_update: the event and the new limit, by display number', () => {
    const { event } = only(
      'meta-docs__webhooks_reference_phone_number_quality_update__throughput_upgrade.json',
    );
    expect(event).toMatchObject({
      type: 'number_quality',
      displayPhoneNumber: '15550783881',
      event: 'THROUGHPUT_UPGRADE',
      currentLimit: 'TIER_UNLIMITED',
    });
  });

  it('account_update, template quality and category updates are typed events', () => {
    expect(
      only('pywa__tests_data_updates_account_update.json__account_restriction.json').event,
    ).toMatchObject({
      type: 'account_update',
      event: 'ACCOUNT_RESTRICTION',
    });
    expect(only('pywa__tests_data_updates_template_quality_update.json__yellow.json').event).toMatchObject({
      type: 'template_quality',
      name: 'welcome_template',
      previousScore: 'GREEN',
      newScore: 'YELLOW',
    });
    expect(
      only('pywa__tests_data_updates_template_category_update.json__marketing.json').event,
    ).toMatchObject({
      type: 'template_quality',
      templateId: '12345678',
      newCategory: 'MARKETING',
    });
  });
});
