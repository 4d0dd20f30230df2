import type { CrmAdapter } from './types';

export const genericAdapter: CrmAdapter = {
  id: 'generic',
  label: 'Any page',
  matches: () => true,
  find: () => [],
};
