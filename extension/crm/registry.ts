// Every CRM adapter, in the order they are tried. tests/extension/crm/registry.test.ts checks that each
// adapter file is listed here and has fixtures with expected matches.
import type { CrmAdapter } from './types';

export const CRM_ADAPTERS: readonly CrmAdapter[] = [];
