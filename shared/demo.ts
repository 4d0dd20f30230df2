// Demo data of SPEC §5: the one source for the sandbox's simulated WhatsApp accounts and the
// worker's seed command, so both sides of the local stack agree. Local only; never deployed.

export const DEMO_PASSWORD = 'greenline-demo';
export const DEMO_APP_SECRET = 'sandbox-app-secret';
export const DEMO_VERIFY_TOKEN = 'sandbox-verify-token';
export const DEMO_API_VERSION = 'v24.0';

export type DemoTemplateStatus = 'APPROVED' | 'PENDING' | 'REJECTED';
export type DemoTemplateCategory = 'UTILITY' | 'MARKETING' | 'AUTHENTICATION';

/** A template in the shape `GET /{waba-id}/message_templates` returns (reference §4.1). */
export interface DemoTemplate {
  id: string;
  name: string;
  language: string;
  status: DemoTemplateStatus;
  category: DemoTemplateCategory;
  parameter_format: 'POSITIONAL';
  components: Array<
    | { type: 'HEADER'; format: 'TEXT'; text: string }
    | { type: 'HEADER'; format: 'IMAGE' | 'DOCUMENT'; example?: { header_handle: string[] } }
    | { type: 'BODY'; text: string; example?: { body_text: string[][] } }
    | { type: 'FOOTER'; text: string }
    | { type: 'BUTTONS'; buttons: Array<{ type: 'QUICK_REPLY'; text: string }> }
  >;
}

export interface DemoNumber {
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
  accessToken: string;
  templates: DemoTemplate[];
}

export interface DemoUser {
  email: string;
  name: string;
  role: 'admin' | 'agent';
  subOrg: string;
  whatsappEnabled: boolean;
}

export interface DemoOrg {
  name: string;
  slug: string;
  subOrgs: string[];
  users: DemoUser[];
  number: DemoNumber;
}

/** The opt-in template's name; every org's number has one (UTILITY, names the business, Yes / No). */
export const OPT_IN_TEMPLATE_NAME = 'greenline_opt_in';
export const DEMO_TEMPLATE_LANGUAGE = 'en_US';

function templatesFor(org: string, idBase: number): DemoTemplate[] {
  const t = (
    n: number,
    name: string,
    status: DemoTemplateStatus,
    category: DemoTemplateCategory,
    components: DemoTemplate['components'],
  ): DemoTemplate => ({
    id: String(idBase + n),
    name,
    language: DEMO_TEMPLATE_LANGUAGE,
    status,
    category,
    parameter_format: 'POSITIONAL',
    components,
  });
  return [
    t(1, OPT_IN_TEMPLATE_NAME, 'APPROVED', 'UTILITY', [
      {
        type: 'BODY',
        text: `Hi {{1}}, ${org} would like to send you messages on WhatsApp about your enquiry. Reply Yes to agree or No to decline. You can opt out at any time by replying STOP.`,
        example: { body_text: [['Samuel']] },
      },
      { type: 'FOOTER', text: `${org} via Greenline` },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'QUICK_REPLY', text: 'Yes' },
          { type: 'QUICK_REPLY', text: 'No' },
        ],
      },
    ]),
    t(2, 'meeting_follow_up', 'APPROVED', 'UTILITY', [
      {
        type: 'BODY',
        text: 'Hello {{1}}, this is {{2}} from {{3}}. Following up on our conversation: is now a good time to continue?',
        example: { body_text: [['Samuel', 'Alice', org]] },
      },
    ]),
    t(3, 'appointment_reminder', 'APPROVED', 'UTILITY', [
      {
        type: 'BODY',
        text: 'Hi {{1}}, a reminder of your appointment with {{2}} on {{3}}. Reply here if you need to change it.',
        example: { body_text: [['Samuel', 'Alice', 'Monday 10:00']] },
      },
    ]),
    t(4, 'seasonal_offer', 'APPROVED', 'MARKETING', [
      {
        type: 'BODY',
        text: `Hi {{1}}, enjoy {{2}} off your next order from ${org} this month.`,
        example: { body_text: [['Samuel', '20%']] },
      },
    ]),
    t(7, 'product_brochure', 'APPROVED', 'UTILITY', [
      { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw==:ARZ_demo'] } },
      {
        type: 'BODY',
        text: 'Hi {{1}}, here is the brochure for {{2}} we talked about. Reply here with any questions.',
        example: { body_text: [['Samuel', 'the Pro plan']] },
      },
    ]),
    t(5, 'order_shipped', 'PENDING', 'UTILITY', [{ type: 'BODY', text: 'Your order {{1}} has shipped.' }]),
    t(6, 'flash_sale_blast', 'REJECTED', 'MARKETING', [
      { type: 'BODY', text: 'FLASH SALE! Everything must go!' },
    ]),
  ];
}

export const DEMO_ORGS: DemoOrg[] = [
  {
    name: 'Acme',
    slug: 'acme',
    subOrgs: ['Sales EMEA', 'Sales US'],
    users: [
      {
        email: 'admin@acme.test',
        name: 'Shawn Michaels',
        role: 'admin',
        subOrg: 'Sales EMEA',
        whatsappEnabled: true,
      },
      {
        email: 'alice@acme.test',
        name: 'Alice Martin',
        role: 'agent',
        subOrg: 'Sales EMEA',
        whatsappEnabled: true,
      },
      {
        email: 'bob@acme.test',
        name: 'Bob Keller',
        role: 'agent',
        subOrg: 'Sales EMEA',
        whatsappEnabled: true,
      },
      {
        email: 'carol@acme.test',
        name: 'Carol Diaz',
        role: 'agent',
        subOrg: 'Sales US',
        whatsappEnabled: true,
      },
      {
        email: 'dave@acme.test',
        name: 'Dave Brown',
        role: 'agent',
        subOrg: 'Sales EMEA',
        whatsappEnabled: false,
      },
    ],
    number: {
      phoneNumberId: '100000000000001',
      displayPhoneNumber: '+15550100001',
      wabaId: '200000000000001',
      accessToken: 'sandbox-token-acme',
      templates: templatesFor('Acme', 300000000000100),
    },
  },
  {
    name: 'Globex',
    slug: 'globex',
    subOrgs: ['Sales'],
    users: [
      {
        email: 'admin@globex.test',
        name: 'Hank Scorpio',
        role: 'admin',
        subOrg: 'Sales',
        whatsappEnabled: true,
      },
      {
        email: 'erin@globex.test',
        name: 'Erin Walsh',
        role: 'agent',
        subOrg: 'Sales',
        whatsappEnabled: true,
      },
    ],
    number: {
      phoneNumberId: '100000000000002',
      displayPhoneNumber: '+15550100002',
      wabaId: '200000000000002',
      accessToken: 'sandbox-token-globex',
      templates: templatesFor('Globex', 300000000000200),
    },
  },
];

export interface DemoWhatsAppUser {
  /** E.164, as a salesperson would type it. */
  phone: string;
  /** Meta's user id; differs from the digits of `phone` for Brazil (no ninth digit). */
  waId: string;
  name: string;
  onWhatsApp: boolean;
  /** Business-scoped user id (2026): what webhooks name them by, and a send may address. */
  bsuid?: string;
  /** Parent BSUID shared across the business's portfolios. */
  parentBsuid?: string;
  /** A WhatsApp username, e.g. "@lena.fischer". */
  username?: string;
  /** Adopted a username and hides the number: webhooks carry no `from` / `wa_id`, only the BSUID. */
  phoneHidden?: boolean;
}

export const DEMO_WHATSAPP_USERS: DemoWhatsAppUser[] = [
  { phone: '+14155550101', waId: '14155550101', name: 'Samuel Johnson', onWhatsApp: true },
  { phone: '+14155550102', waId: '14155550102', name: 'Maria Garcia', onWhatsApp: true },
  { phone: '+5511912345678', waId: '551112345678', name: 'Ana Souza', onWhatsApp: true },
  { phone: '+14155550199', waId: '14155550199', name: 'Not On WhatsApp', onWhatsApp: false },
  {
    phone: '+14155550103',
    waId: '14155550103',
    name: 'Lena Fischer',
    onWhatsApp: true,
    bsuid: 'US.13491208655302741918',
    parentBsuid: 'US.ENT.11815799212886844830',
    username: '@lena.fischer',
    phoneHidden: true,
  },
];
