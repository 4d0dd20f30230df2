// Every CRM adapter, in the order they are tried (the generic adapter is separate: it runs only
// where the user allowed it). tests/extension/crm/registry.test.ts checks that each adapter file is
// listed here or is the generic one, and has fixtures with expected matches.
import { dynamicsAdapter } from './dynamics';
import { hubspotAdapter } from './hubspot';
import { pipedriveAdapter } from './pipedrive';
import { salesforceAdapter } from './salesforce';
import type { CrmAdapter } from './types';
import { zohoAdapter } from './zoho';

export const CRM_ADAPTERS: readonly CrmAdapter[] = [
  hubspotAdapter,
  salesforceAdapter,
  pipedriveAdapter,
  zohoAdapter,
  dynamicsAdapter,
];
