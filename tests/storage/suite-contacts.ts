// Repository suite, part 2: contacts (E.164 unique per org, wa_id aliases, CRM links), business
// numbers and templates with mappings.
import { expect, it } from 'vitest';
import {
  addCrmLink,
  addWaIdAlias,
  findContactByPhone,
  findContactByWaId,
  getContact,
  upsertContact,
} from '../../worker/storage/repos/contacts';
import {
  createNumber,
  findNumberByPhoneNumberId,
  getOrgNumber,
  updateNumber,
} from '../../worker/storage/repos/numbers';
import {
  getTemplate,
  listMappings,
  listTemplates,
  markTemplatesMissing,
  setMapping,
  setTemplateStatus,
  upsertTemplate,
} from '../../worker/storage/repos/templates';
import type { SuiteContext } from './repository-suite';

export function registerContactAndNumberTests({ db, newOrg, unique }: SuiteContext): void {
  it('B19 / I8: one contact per E.164 phone per org, never shared across orgs', async () => {
    const a = await newOrg('contacts-a');
    const b = await newOrg('contacts-b');
    const now = Date.now();
    const first = await upsertContact(db(), a.orgId, { phone: '+14155550101', name: 'Sam', now });
    const again = await upsertContact(db(), a.orgId, { phone: '+14155550101', name: 'Samuel', now: now + 1 });
    const other = await upsertContact(db(), b.orgId, { phone: '+14155550101', name: 'Other', now });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, contact: { id: first.contact.id, name: 'Samuel' } });
    expect(other.created).toBe(true);
    expect(other.contact.id).not.toBe(first.contact.id);
    expect(await getContact(db(), b.orgId, first.contact.id)).toBeUndefined();
    expect((await findContactByPhone(db(), b.orgId, '+14155550101'))?.id).toBe(other.contact.id);
  });

  it('B19: wa_id aliases route to the contact within the org only; CRM links are idempotent', async () => {
    const a = await newOrg('alias-a');
    const b = await newOrg('alias-b');
    const now = Date.now();
    const { contact } = await upsertContact(db(), a.orgId, { phone: '+5511912345678', name: 'Ana', now });
    await addWaIdAlias(db(), a.orgId, contact.id, '551112345678', now);
    await addWaIdAlias(db(), a.orgId, contact.id, '551112345678', now);
    expect((await findContactByWaId(db(), a.orgId, '551112345678'))?.id).toBe(contact.id);
    expect(await findContactByWaId(db(), b.orgId, '551112345678')).toBeUndefined();
    const link = { system: 'hubspot', recordId: '1', url: 'https://a.test/1' };
    await addCrmLink(db(), a.orgId, contact.id, link, now);
    await addCrmLink(db(), a.orgId, contact.id, { ...link, url: 'https://a.test/1b' }, now);
    await addCrmLink(db(), a.orgId, contact.id, { ...link, recordId: '2' }, now + 1);
    const details = await getContact(db(), a.orgId, contact.id);
    expect(details?.waIds).toEqual(['551112345678']);
    expect(details?.crmLinks.map((l) => `${l.recordId}:${l.url}`)).toEqual([
      '1:https://a.test/1b',
      '2:https://a.test/1',
    ]);
  });

  it('B21: a phone number id belongs to one org; updates are scoped by org', async () => {
    const a = await newOrg('number-a');
    const b = await newOrg('number-b');
    const now = Date.now();
    const phoneNumberId = unique('pn');
    const input = { phoneNumberId, displayPhoneNumber: '+1', wabaId: 'w', accessTokenCiphertext: 'c', now };
    const number = await createNumber(db(), a.orgId, input);
    await expect(createNumber(db(), b.orgId, input)).rejects.toThrow();
    expect((await findNumberByPhoneNumberId(db(), phoneNumberId))?.orgId).toBe(a.orgId);
    expect(await updateNumber(db(), b.orgId, number.id, { paused: true }, now)).toBeUndefined();
    await updateNumber(db(), a.orgId, number.id, { paused: true, pausedReason: '131031' }, now);
    expect(await getOrgNumber(db(), a.orgId)).toMatchObject({ paused: true, pausedReason: '131031' });
  });

  it('B7 / B21: templates upsert by name and language, missing ones are marked DELETED, mappings stay', async () => {
    const a = await newOrg('templates');
    const now = Date.now();
    const number = await createNumber(db(), a.orgId, {
      phoneNumberId: unique('pn'),
      displayPhoneNumber: '+1',
      wabaId: 'w',
      accessTokenCiphertext: 'c',
      now,
    });
    const tpl = (name: string, status: string) => ({
      metaId: null,
      name,
      language: 'en_US',
      category: 'UTILITY',
      status,
      components: [{ type: 'BODY', text: 'Hi {{1}}' }],
      variables: [{ key: 'body.1', component: 'BODY' as const, placeholder: '1' }],
    });
    const keep = await upsertTemplate(db(), a.orgId, number.id, tpl('keep', 'PENDING'), now);
    const drop = await upsertTemplate(db(), a.orgId, number.id, tpl('drop', 'APPROVED'), now);
    expect(await upsertTemplate(db(), a.orgId, number.id, tpl('keep', 'APPROVED'), now + 1)).toBe(keep);
    await setMapping(db(), a.orgId, drop, { key: 'body.1', source: 'contact_name' }, now);
    await setMapping(db(), a.orgId, drop, { key: 'body.1', source: 'user_name' }, now);
    expect(await markTemplatesMissing(db(), a.orgId, number.id, [keep], now)).toBe(1);
    expect(await markTemplatesMissing(db(), a.orgId, number.id, [keep], now)).toBe(0);
    expect((await listTemplates(db(), a.orgId, { status: 'APPROVED' })).map((t) => t.name)).toEqual(['keep']);
    expect((await listMappings(db(), a.orgId, [drop])).map((m) => m.source)).toEqual(['user_name']);
    expect(await setTemplateStatus(db(), number.id, 'keep', 'en_US', 'PAUSED', now)).toBe(true);
    expect((await getTemplate(db(), a.orgId, keep))?.status).toBe('PAUSED');
    const other = await newOrg('templates-other');
    expect(await getTemplate(db(), other.orgId, keep)).toBeUndefined();
    expect(await listMappings(db(), other.orgId, [drop])).toEqual([]);
  });

  it('B21: a WABA with more templates than D1 binds parameters (100) still syncs and maps', async () => {
    const a = await newOrg('many-templates');
    const now = Date.now();
    const number = await createNumber(db(), a.orgId, {
      phoneNumberId: unique('pn'),
      displayPhoneNumber: '+1',
      wabaId: 'w',
      accessTokenCiphertext: 'c',
      now,
    });
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      const input = {
        metaId: null,
        name: `t${i}`,
        language: 'en',
        category: 'UTILITY',
        status: 'APPROVED',
        components: [],
        variables: [],
      };
      ids.push(await upsertTemplate(db(), a.orgId, number.id, input, now));
    }
    for (const id of ids) await setMapping(db(), a.orgId, id, { key: 'body.1', source: 'typed' }, now);
    expect(await listMappings(db(), a.orgId, ids)).toHaveLength(120);
    expect(await markTemplatesMissing(db(), a.orgId, number.id, ids.slice(0, 110), now)).toBe(10);
  });
}
