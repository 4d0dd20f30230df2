// The admin's privacy calls (issue 12) as typed calls for the options page: the retention period,
// finding a customer, their subject-access export (the file's text, JSON or HTML) and erasure.
import {
  ErasureReceiptSchema,
  type ErasureRequest,
  PrivacyLookupSchema,
  RetentionSchema,
} from '../../shared/api/privacy';
import { callJson, callRaw } from './call';
import { ApiFailure, type Transport } from './transport';

const enc = encodeURIComponent;

export type CustomerExportFormat = 'json' | 'html';

export function privacyAdminApi(t: Transport) {
  return {
    retention: () => callJson(t, { method: 'GET', path: '/admin/privacy/retention' }, RetentionSchema),
    setRetention: (retentionDays: number | null) =>
      callJson(
        t,
        { method: 'PUT', path: '/admin/privacy/retention', body: { retentionDays } },
        RetentionSchema,
      ),
    /** The org's customer with this phone (as written), or null. */
    findCustomer: (phone: string) =>
      callJson(t, { method: 'GET', path: '/admin/privacy/contacts', query: { phone } }, PrivacyLookupSchema),
    /** Everything held about one customer, as the file's text. */
    customerExport: async (contactId: string, format: CustomerExportFormat) => {
      const body = await callRaw(t, {
        method: 'GET',
        path: `/admin/privacy/contacts/${enc(contactId)}/export`,
        query: { format },
        accept: 'text',
      });
      if (body.kind !== 'text') throw new ApiFailure(200, 'bad_response', 'The export could not be read.');
      return body.value;
    },
    erase: (body: ErasureRequest) =>
      callJson(t, { method: 'POST', path: '/admin/privacy/erasures', body }, ErasureReceiptSchema),
  };
}
