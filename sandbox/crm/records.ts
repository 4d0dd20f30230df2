// The demo customers of shared/demo.ts as records in each CRM, with stable ids, so the extension can
// be tried (and browser-tested) on pages shaped like every supported CRM. "Not On WhatsApp" is shown
// as Nora Quinn, a plausible CRM name; her number is the one the sandbox answers 131026 for. Lena
// Fischer's record has the number she hides behind her WhatsApp username.

import { DEMO_WHATSAPP_USERS } from '../../shared/demo';

export const DEMO_CRMS = ['hubspot', 'salesforce', 'pipedrive', 'zoho', 'dynamics'] as const;
export type DemoCrm = (typeof DEMO_CRMS)[number];

export function isDemoCrm(name: string): name is DemoCrm {
  return (DEMO_CRMS as readonly string[]).includes(name);
}

export interface DemoCrmPhone {
  /** As the page prints it. */
  raw: string;
  /** The CRM's label for the field, as the adapter reports it. */
  label: string;
  e164: string;
  kind: 'mobile' | 'work' | 'fax';
}

export interface DemoCrmRecord {
  crm: DemoCrm;
  recordId: string;
  objectType: 'contact' | 'lead' | 'person';
  name: string;
  /** The CRM's own path and query for the record; the sandbox serves it at `/crm/<crm><path>`. */
  path: string;
  /** Mobile first, as the adapter returns them; the fax row is on the page but never offered. */
  phones: DemoCrmPhone[];
  fax: DemoCrmPhone | null;
}

interface Person {
  key: 'samuel' | 'maria' | 'ana' | 'nora' | 'lena';
  name: string;
  phones: Omit<DemoCrmPhone, 'label'>[];
  fax: Omit<DemoCrmPhone, 'label'> | null;
  /** Salesforce, Zoho and Dynamics show this person as a lead rather than a contact. */
  lead: boolean;
}

function customer(phone: string): string {
  const user = DEMO_WHATSAPP_USERS.find((u) => u.phone === phone);
  if (!user) throw new Error(`${phone} is not a demo WhatsApp user`);
  return user.phone;
}

const PEOPLE: Person[] = [
  {
    key: 'samuel',
    name: 'Samuel Johnson',
    phones: [{ raw: '+1 415-555-0101', e164: customer('+14155550101'), kind: 'mobile' }],
    fax: null,
    lead: false,
  },
  {
    key: 'maria',
    name: 'Maria Garcia',
    phones: [{ raw: '+1 (415) 555-0102', e164: customer('+14155550102'), kind: 'work' }],
    fax: { raw: '+1 415 555 0180', e164: '+14155550180', kind: 'fax' },
    lead: false,
  },
  {
    key: 'ana',
    name: 'Ana Souza',
    phones: [
      { raw: '+55 11 91234-5678', e164: customer('+5511912345678'), kind: 'mobile' },
      { raw: '+55 11 3333-4444', e164: '+551133334444', kind: 'work' },
    ],
    fax: null,
    lead: false,
  },
  {
    key: 'nora',
    name: 'Nora Quinn',
    phones: [{ raw: '+1 415 555 0199', e164: customer('+14155550199'), kind: 'work' }],
    fax: null,
    lead: true,
  },
  {
    // On WhatsApp she uses a username and hides this number (2026): the CRM knows it, WhatsApp does not
    // show it, so her conversation is linked to this record by an agent (issue 10).
    key: 'lena',
    name: 'Lena Fischer',
    phones: [{ raw: '+1 415 555 0103', e164: customer('+14155550103'), kind: 'mobile' }],
    fax: null,
    lead: false,
  },
];

const SUFFIX = { samuel: '01', maria: '02', ana: '03', nora: '99', lena: '04' } as const;
const LABELS: Record<DemoCrm, Record<DemoCrmPhone['kind'], string>> = {
  hubspot: { mobile: 'Mobile phone number', work: 'Phone number', fax: 'Fax number' },
  salesforce: { mobile: 'Mobile', work: 'Phone', fax: 'Fax' },
  pipedrive: { mobile: 'Mobile', work: 'Work', fax: 'Fax' },
  zoho: { mobile: 'Mobile', work: 'Phone', fax: 'Fax' },
  dynamics: { mobile: 'Mobile Phone', work: 'Business Phone', fax: 'Fax' },
};
export const DYNAMICS_APP_ID = '11111111-2222-3333-4444-555555555555';

function address(crm: DemoCrm, p: Person): Pick<DemoCrmRecord, 'recordId' | 'objectType' | 'path'> {
  const n = SUFFIX[p.key];
  switch (crm) {
    case 'hubspot':
      return { recordId: `51${n}`, objectType: 'contact', path: `/contacts/1234/record/0-1/51${n}` };
    case 'salesforce': {
      const [object, prefix] = p.lead ? ['Lead', '00Q'] : ['Contact', '003'];
      const recordId = `${prefix}Dn00000GLdm${n}AA`;
      return {
        recordId,
        objectType: p.lead ? 'lead' : 'contact',
        path: `/lightning/r/${object}/${recordId}/view`,
      };
    }
    case 'pipedrive':
      return { recordId: `1${n}`, objectType: 'person', path: `/person/1${n}` };
    case 'zoho': {
      const recordId = `43210000000001${n}`;
      return {
        recordId,
        objectType: p.lead ? 'lead' : 'contact',
        path: `/crm/org123456/tab/${p.lead ? 'Leads' : 'Contacts'}/${recordId}`,
      };
    }
    case 'dynamics': {
      const recordId = `6b2f0e3a-9c1d-4e5f-8a7b-0000000001${n}`;
      const etn = p.lead ? 'lead' : 'contact';
      const path = `/main.aspx?appid=${DYNAMICS_APP_ID}&pagetype=entityrecord&etn=${etn}&id=${recordId}`;
      return { recordId, objectType: etn, path };
    }
  }
}

function recordsOf(crm: DemoCrm): DemoCrmRecord[] {
  return PEOPLE.map((p) => ({
    crm,
    name: p.name,
    ...address(crm, p),
    phones: p.phones.map((phone) => ({ ...phone, label: LABELS[crm][phone.kind] })),
    // Pipedrive has no fax phone type.
    fax: p.fax && crm !== 'pipedrive' ? { ...p.fax, label: LABELS[crm].fax } : null,
  }));
}

/** Per CRM, the demo records in "Next record" order. */
export const DEMO_CRM_RECORDS: Record<DemoCrm, readonly DemoCrmRecord[]> = {
  hubspot: recordsOf('hubspot'),
  salesforce: recordsOf('salesforce'),
  pipedrive: recordsOf('pipedrive'),
  zoho: recordsOf('zoho'),
  dynamics: recordsOf('dynamics'),
};
